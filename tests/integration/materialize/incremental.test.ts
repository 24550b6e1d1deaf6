import { describe, expect, it } from 'vitest';
import type { NodeConfig } from '../../../src/config/types.js';
import { ExecutionError } from '../../../src/errors/plan-error.js';
import { isIncrementalRun, materialize } from '../../../src/materialize/index.js';
import type { MaterializeRequest } from '../../../src/materialize/index.js';
import { connectionPerTest, model, rows } from './helpers.js';

const db = connectionPerTest();

function run(config: Partial<NodeConfig>, sql: string, extra: Partial<MaterializeRequest> = {}) {
  const node = model('inc', { materialized: 'incremental', ...config });
  return materialize({ node, compiledSql: sql, conn: db.conn, fullRefresh: false, preHooks: [], postHooks: [], ...extra });
}

const all = () => rows(db.conn, 'select * from inc order by all');

describe('incremental', () => {
  it('first run builds the table; is_incremental is true afterwards; full refresh rebuilds', async () => {
    const node = model('inc', { materialized: 'incremental' });
    expect(await isIncrementalRun(db.conn, node, false)).toBe(false);
    expect((await run({}, 'select 1 as id')).message).toBe('CREATE TABLE (1 row)');
    expect(await isIncrementalRun(db.conn, node, false)).toBe(true);
    expect(await isIncrementalRun(db.conn, node, true)).toBe(false);
    expect(await isIncrementalRun(db.conn, model('inc', { materialized: 'incremental', full_refresh: false }), true)).toBe(true);
    expect(await isIncrementalRun(db.conn, model('inc', { materialized: 'table' }), false)).toBe(false);
    await run({}, 'select 2 as id', { fullRefresh: true });
    expect(await all()).toEqual([{ id: 2 }]);
  });

  it('appends by default without unique_key', async () => {
    await run({}, 'select 1 as id');
    const result = await run({}, 'select 2 as id union all select 3');
    expect(result).toEqual({ rowsAffected: 2, message: 'INSERT 2 rows' });
    expect(await all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('delete+insert on unique_key by default, with a list of key columns', async () => {
    const config = { unique_key: ['a', 'b'] };
    await run(config, "select 1 as a, 'x' as b, 10 as v union all select 1, 'y', 20");
    const result = await run(config, "select 1 as a, 'y' as b, 99 as v union all select 2, 'x', 5");
    expect(result.message).toBe('INSERT 2 rows (1 replaced)');
    expect(await all()).toEqual([
      { a: 1, b: 'x', v: 10 },
      { a: 1, b: 'y', v: 99 },
      { a: 2, b: 'x', v: 5 },
    ]);
  });

  it('merge updates only merge_update_columns, or all but merge_exclude_columns, as dbt', async () => {
    const only = { unique_key: 'id', incremental_strategy: 'merge', merge_update_columns: ['a'] };
    await run(only, 'select 1 as id, 1 as a, 1 as b');
    await run(only, 'select 1 as id, 2 as a, 2 as b union all select 2, 2, 2');
    expect(await all()).toEqual([{ id: 1, a: 2, b: 1 }, { id: 2, a: 2, b: 2 }]);
    const except = { unique_key: 'id', incremental_strategy: 'merge', merge_exclude_columns: 'a' };
    await run(except, 'select 1 as id, 3 as a, 3 as b');
    expect(await all()).toEqual([{ id: 1, a: 2, b: 3 }, { id: 2, a: 2, b: 2 }]);
  });

  it('merge updates matched rows and inserts new ones', async () => {
    const config = { unique_key: 'id', incremental_strategy: 'merge' };
    await run(config, "select 1 as id, 'a' as v union all select 2, 'b'");
    const result = await run(config, "select 2 as id, 'B' as v union all select 3, 'c'");
    expect(result).toEqual({ rowsAffected: 2, message: 'MERGE 2 rows' });
    expect(await all()).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'B' },
      { id: 3, v: 'c' },
    ]);
  });

  it('runs the model SQL once, before deleting, even when it reads the target ({{ this }})', async () => {
    const config = { unique_key: 'id' };
    await run(config, 'select 1 as id, 1 as n');
    // Reads its own table: the new row for id 1 is n + 1 of the existing row.
    await run(config, 'select id, n + 1 as n from dev.main.inc');
    expect(await all()).toEqual([{ id: 1, n: 2 }]);
  });

  it('insert_overwrite (implied by partition_by) replaces only the partitions present, idempotently', async () => {
    const config = { partition_by: ['scenario_id', 'simulation_year'] };
    const year = (y: number, n: number) => `select 'base' as scenario_id, ${y} as simulation_year, range as emp from range(${n})`;
    const first = await run(config, year(2024, 3));
    expect(first.builtPartitions).toEqual([{ scenario_id: 'base', simulation_year: 2024 }]);
    const second = await run(config, year(2025, 2));
    expect(second.message).toBe('INSERT 2 rows (1 partition replaced)');
    expect(second.builtPartitions).toEqual([{ scenario_id: 'base', simulation_year: 2025 }]);
    // Re-running 2025 twice, with different rows, replaces 2025 only.
    await run(config, year(2025, 4));
    await run(config, year(2025, 4));
    const counts = await rows(db.conn, 'select simulation_year, count(*) as n from inc group by all order by all');
    expect(counts).toEqual([
      { simulation_year: 2024, n: 3 },
      { simulation_year: 2025, n: 4 },
    ]);
  });

  it('rejects an unknown strategy naming the valid ones, and strategies missing their keys', async () => {
    await expect(run({ incremental_strategy: 'upsert' }, 'select 1 as id')).rejects.toThrow(
      "model 'inc' (models/inc.sql): unknown incremental_strategy 'upsert'; expected one of append, delete+insert, merge, insert_overwrite",
    );
    await expect(run({ incremental_strategy: 'merge' }, 'select 1 as id')).rejects.toThrow(/needs a unique_key/);
    await expect(run({ incremental_strategy: 'insert_overwrite' }, 'select 1 as id')).rejects.toThrow(/needs partition_by/);
  });

  it('keeps existing rows when the incremental step fails', async () => {
    await run({ unique_key: 'id' }, 'select 1 as id');
    await expect(run({ unique_key: 'id' }, "select 1 as id\nunion all select 'x'::int")).rejects.toMatchObject({ kind: 'Conversion', modelLine: 2 });
    await expect(run({ unique_key: 'id' }, 'select 2 as id', { postHooks: ['select * from nowhere'] })).rejects.toThrow(/post-hook 1 failed/);
    expect(await all()).toEqual([{ id: 1 }]);
    expect(await rows(db.conn, "select table_name from duckdb_tables() where table_name like '%plan_stage%'")).toEqual([]);
  });
});

describe('on_schema_change', () => {
  const base = 'select 1 as id, 10 as old_col';
  const next = "select 2 as id, 'new' as new_col";

  it('ignore: inserts only the columns the target already has', async () => {
    await run({}, base);
    await run({ on_schema_change: 'ignore' }, next);
    expect(await all()).toEqual([
      { id: 1, old_col: 10 },
      { id: 2, old_col: null },
    ]);
  });

  it('fail: errors listing added and removed columns, and changes nothing', async () => {
    await run({}, base);
    const error = await run({ on_schema_change: 'fail' }, next).catch((e) => e);
    expect(error).toBeInstanceOf(ExecutionError);
    expect(error.message).toContain('added new_col VARCHAR; removed old_col');
    expect(await all()).toEqual([{ id: 1, old_col: 10 }]);
  });

  it('append_new_columns: adds new columns, keeps removed ones', async () => {
    await run({}, base);
    await run({ on_schema_change: 'append_new_columns' }, next);
    expect(await all()).toEqual([
      { id: 1, old_col: 10, new_col: null },
      { id: 2, old_col: null, new_col: 'new' },
    ]);
  });

  it('sync_all_columns: adds new, drops removed, alters changed types', async () => {
    await run({}, base);
    await run({ on_schema_change: 'sync_all_columns' }, "select 2::bigint as id, 'new' as new_col");
    expect(await db.conn.describeRelation('dev', 'main', 'inc')).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'new_col', type: 'VARCHAR' },
    ]);
    expect(await all()).toEqual([
      { id: 1, new_col: null },
      { id: 2, new_col: 'new' },
    ]);
  });
});
