import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The statement log is read when the engine module loads: set it first, then import.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-relcache-'));
const logFile = path.join(dir, 'statements.jsonl');
process.env.PLAN_SQL_LOG = logFile;
const { openEngine } = await import('../../../src/engine/index.js');
type Engine = Awaited<ReturnType<typeof openEngine>>;

const opened: Engine[] = [];
afterAll(async () => {
  while (opened.length) await opened.pop()!.close();
  delete process.env.PLAN_SQL_LOG;
});

let n = 0;
async function fresh(): Promise<{ engine: Engine; db: string }> {
  n += 1;
  const engine = await openEngine({ path: path.join(dir, `w${n}.duckdb`), threads: 2 });
  opened.push(engine);
  return { engine, db: engine.database };
}

function catalogReads(): number {
  if (!fs.existsSync(logFile)) return 0;
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"t":"sql"') && l.includes('duckdb_tables()')).length;
}

describe('relation cache', () => {
  it('reads a schema once, then follows creates, drops and renames without asking the catalog', async () => {
    const { engine, db } = await fresh();
    const q = (name: string) => `"${db}"."main"."${name}"`;
    await engine.withConnection(async (c) => {
      const before = catalogReads();
      expect(await c.relationKind(db, 'main', 'a')).toBeNull();
      await c.run(`CREATE TABLE ${q('a')} AS SELECT 1 AS x`);
      expect(await c.relationKind(db, 'MAIN', 'A')).toBe('table');
      await c.run(`CREATE OR REPLACE VIEW ${q('v')} AS (SELECT 1 AS x)`);
      expect(await c.relationKind(db, 'main', 'v')).toBe('view');
      await c.run(`ALTER TABLE ${q('a')} RENAME TO "b"`);
      expect(await c.relationKind(db, 'main', 'a')).toBeNull();
      expect(await c.relationKind(db, 'main', 'b')).toBe('table');
      await c.run(`DROP VIEW IF EXISTS ${q('v')}`);
      expect(await c.relationKind(db, 'main', 'v')).toBeNull();
      expect(catalogReads() - before).toBe(1);
      // The answers match the catalog.
      const { rows } = await c.query(`SELECT table_name FROM duckdb_tables() WHERE database_name = '${db}' ORDER BY 1`);
      expect(rows).toEqual([{ table_name: 'b' }]);
    });
  });

  it('shows a transaction its own changes, publishes them on commit and forgets them on rollback', async () => {
    const { engine, db } = await fresh();
    const one = await engine.acquire();
    const two = await engine.acquire();
    try {
      expect(await two.relationKind(db, 'main', 't')).toBeNull();
      await expect(
        one.transaction(async (tx) => {
          await tx.run(`CREATE TABLE "${db}"."main"."t" AS SELECT 1 AS x`);
          expect(await tx.relationKind(db, 'main', 't')).toBe('table');
          expect(await two.relationKind(db, 'main', 't')).toBeNull(); // not committed
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await one.relationKind(db, 'main', 't')).toBeNull();
      await one.transaction(async (tx) => {
        await tx.run(`CREATE TABLE "${db}"."main"."t" AS SELECT 1 AS x`);
      });
      expect(await two.relationKind(db, 'main', 't')).toBe('table');
    } finally {
      one.release();
      two.release();
    }
  });

  it('forgets everything after SQL it cannot read (hooks, several statements), even when it fails half-way', async () => {
    const { engine, db } = await fresh();
    await engine.withConnection(async (c) => {
      expect(await c.relationKind(db, 'main', 'h')).toBeNull();
      await c.run('create table h as select 1 as x; create view hv as select 2 as y');
      expect(await c.relationKind(db, 'main', 'h')).toBe('table');
      expect(await c.relationKind(db, 'main', 'hv')).toBe('view');
      await expect(c.run('drop view hv; select * from no_such_table')).rejects.toThrow();
      expect(await c.relationKind(db, 'main', 'hv')).toBeNull();
      // Inside a transaction: the unknown statement sends later lookups to the catalog.
      await c.transaction(async (tx) => {
        await tx.run('create table h2 as select 1 as x');
        expect(await tx.relationKind(db, 'main', 'h2')).toBe('table');
      });
      expect(await c.relationKind(db, 'main', 'h2')).toBe('table');
    });
  });

  it('is shared by engines on the same file (watch and a command in one process)', async () => {
    const { engine, db } = await fresh();
    const again = await openEngine({ path: engine.path, threads: 1 });
    opened.push(again);
    expect(await again.withConnection((c) => c.relationKind(db, 'main', 's'))).toBeNull();
    await engine.withConnection((c) => c.run(`CREATE TABLE "${db}"."main"."s" (x INT)`));
    expect(await again.withConnection((c) => c.relationKind(db, 'main', 's'))).toBe('table');
  });

  it('never caches the per-connection temp catalog', async () => {
    const { engine } = await fresh();
    const one = await engine.acquire();
    const two = await engine.acquire();
    try {
      await one.run('CREATE TEMP TABLE tt AS SELECT 1 AS x');
      expect(await one.relationKind('temp', 'main', 'tt')).toBe('table');
      expect(await two.relationKind('temp', 'main', 'tt')).toBeNull();
    } finally {
      one.release();
      two.release();
    }
  });
});
