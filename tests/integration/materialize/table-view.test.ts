import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/engine/index.js';
import { ContractError, ExecutionError } from '../../../src/errors/plan-error.js';
import { mapDbLineToModelLine, materialize } from '../../../src/materialize/index.js';
import type { MaterializeRequest } from '../../../src/materialize/index.js';
import type { ModelNode } from '../../../src/manifest/types.js';
import { connectionPerTest, model, rows } from './helpers.js';

const db = connectionPerTest();

function req(node: ModelNode, compiledSql: string, extra: Partial<MaterializeRequest> = {}): MaterializeRequest {
  return { node, compiledSql, conn: db.conn, fullRefresh: false, preHooks: [], postHooks: [], ...extra };
}

const kindOf = (name: string, schema = 'main') => db.conn.relationKind('dev', schema, name);

describe('table', () => {
  it('builds a table in a schema created on demand, tolerating a trailing ; and -- comment', async () => {
    const node = model('t', { materialized: 'table' }, 'analytics');
    const result = await materialize(req(node, 'select * from range(3) r(id); -- the end'));
    expect(result).toEqual({ rowsAffected: 3, message: 'CREATE TABLE (3 rows)' });
    expect(await kindOf('t', 'analytics')).toBe('table');
    expect(await kindOf('t__plan_tmp', 'analytics')).toBeNull();
  });

  it('leaves the old table and its rows untouched when the new build fails, and drops the tmp table', async () => {
    const node = model('t');
    await materialize(req(node, 'select 1 as id union all select 2'));
    const error = await materialize(req(node, "select 1 as id\nunion all\nselect 'x'::integer")).catch((e) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.kind).toBe('Conversion');
    expect(error.node).toBe('model.proj.t');
    expect(error.file).toBe('models/t.sql');
    expect(await rows(db.conn, 'select id from t order by id')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await kindOf('t__plan_tmp')).toBeNull();
  });

  it('keeps the old table when a post-hook fails, naming the hook', async () => {
    const node = model('t');
    await materialize(req(node, 'select 1 as id'));
    const error = await materialize(req(node, 'select 2 as id', { postHooks: ['select 1', 'select * from nowhere'] })).catch((e) => e);
    expect(error.message).toMatch(/^post-hook 2 failed: Catalog Error/);
    expect(await rows(db.conn, 'select id from t')).toEqual([{ id: 1 }]);
    expect(await kindOf('t__plan_tmp')).toBeNull();
  });

  it('runs pre- and post-hooks around the build', async () => {
    await db.conn.run('create table audit (msg varchar)');
    const node = model('t');
    await materialize(
      req(node, 'select 1 as id', { preHooks: ["insert into audit values ('pre')"], postHooks: ["insert into audit select 'post ' || count(*) from t"] }),
    );
    expect(await rows(db.conn, 'select msg from audit')).toEqual([{ msg: 'pre' }, { msg: 'post 1' }]);
  });

  it('keeps the old table when checkColumns (a contract) rejects the new columns', async () => {
    const node = model('t');
    await materialize(req(node, 'select 1 as id'));
    const reject = () => {
      throw new ContractError('contract.mismatch', 'column id: expected VARCHAR');
    };
    await expect(materialize(req(node, 'select 5 as id', { checkColumns: reject }))).rejects.toBeInstanceOf(ContractError);
    expect(await rows(db.conn, 'select id from t')).toEqual([{ id: 1 }]);
  });

  it('creates contracted tables from column DDL, in declared column order, enforcing constraints', async () => {
    const node = model('t');
    const contract = { columnDdl: ['"id" INTEGER NOT NULL PRIMARY KEY', '"name" VARCHAR'], tableConstraints: ['CHECK (id > 0)'] };
    const seen: string[] = [];
    await materialize(req(node, "select 'a' as name, 1 as id", { ...contract, checkColumns: (cols) => void seen.push(...cols.map((c) => c.name)) }));
    expect(seen).toEqual(['name', 'id']);
    expect(await db.conn.describeRelation('dev', 'main', 't')).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'name', type: 'VARCHAR' },
    ]);
    const error = await materialize(req(node, "select 'a' as name, 1 as id union all select 'b', 1", contract)).catch((e) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.kind).toBe('Constraint');
    expect(await rows(db.conn, 'select * from t')).toEqual([{ id: 1, name: 'a' }]);
  });

  it('reports the model line of an error through modelLine and mapDbLineToModelLine', async () => {
    const node = model('t');
    const sql = 'select\n  1 as id,\n  missing_column as x\nfrom range(1)';
    const error = await materialize(req(node, sql)).catch((e) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.modelLine).toBe(3);
    expect(mapDbLineToModelLine(error.sql, error.dbLine, sql)).toBe(3);
  });
});

describe('view', () => {
  it('creates a view and replaces a table with a view and back', async () => {
    const node = model('r', { materialized: 'view' });
    expect(await materialize(req(node, 'select 1 as id -- trailing'))).toEqual({ rowsAffected: null, message: 'CREATE VIEW' });
    expect(await kindOf('r')).toBe('view');
    await materialize(req(model('r', { materialized: 'table' }), 'select 2 as id'));
    expect(await kindOf('r')).toBe('table');
    await materialize(req(node, 'select 3 as id;'));
    expect(await kindOf('r')).toBe('view');
    expect(await rows(db.conn, 'select id from r')).toEqual([{ id: 3 }]);
  });

  it('leaves the old table when the view cannot be created', async () => {
    await materialize(req(model('r', { materialized: 'table' }), 'select 2 as id'));
    await expect(materialize(req(model('r', { materialized: 'view' }), 'select nope from range(1)'))).rejects.toBeInstanceOf(EngineError);
    expect(await kindOf('r')).toBe('table');
    expect(await rows(db.conn, 'select id from r')).toEqual([{ id: 2 }]);
  });
});

describe('registry', () => {
  it('builds nothing for ephemeral models', async () => {
    const result = await materialize(req(model('e', { materialized: 'ephemeral' }), 'select 1'));
    expect(result.message).toBe('EPHEMERAL');
    expect(await kindOf('e')).toBeNull();
  });

  it('rejects an unknown materialization, naming the valid ones', async () => {
    const error = await materialize(req(model('x', { materialized: 'snapshotz' }), 'select 1')).catch((e) => e);
    expect(error).toBeInstanceOf(ExecutionError);
    expect(error.message).toBe("model 'x' (models/x.sql): unknown materialized 'snapshotz'; expected one of view, table, incremental, external, ephemeral");
  });
});
