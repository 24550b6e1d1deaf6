import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError, openEngine, startDatabaseInstance } from '../../../src/engine/index.js';
import type { Engine } from '../../../src/engine/index.js';
import { PlanError } from '../../../src/errors/plan-error.js';

const opened: Engine[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plan-engine-'));
}

async function open(dbPath: string, extra: Partial<Parameters<typeof openEngine>[0]> = {}): Promise<Engine> {
  const engine = await openEngine({ path: dbPath, threads: 2, ...extra });
  opened.push(engine);
  return engine;
}

describe('openEngine', () => {
  it('creates a missing folder and reports the catalog name', async () => {
    const dbPath = path.join(tempDir(), 'nested', 'deeper', 'warehouse.duckdb');
    const engine = await open(dbPath);
    expect(fs.existsSync(path.dirname(dbPath))).toBe(true);
    expect(engine.database).toBe('warehouse');
    expect(engine.path).toBe(dbPath);
  });

  it('hands the instance started ahead of need to one open only', async () => {
    startDatabaseInstance();
    const file = await open(path.join(tempDir(), 'early.duckdb'));
    const memory = await open(':memory:');
    await file.withConnection((c) => c.run('CREATE TABLE early AS SELECT 1 AS x'));
    expect((await file.withConnection((c) => c.query('SELECT x FROM early'))).rows).toEqual([{ x: 1 }]);
    // A second open gets its own instance, which has no such database attached.
    const attached = await memory.withConnection((c) => c.query("SELECT count(*)::INTEGER AS n FROM duckdb_databases() WHERE database_name = 'early'"));
    expect(attached.rows).toEqual([{ n: 0 }]);
    expect(file.database).toBe('early');
  });

  it('shares one instance per file in a process, so writes are visible across engines', async () => {
    const dbPath = path.join(tempDir(), 'a.duckdb');
    const one = await open(dbPath);
    const two = await open(dbPath);
    await one.withConnection((c) => c.run('CREATE TABLE t AS SELECT 42 AS x'));
    const rows = await two.withConnection((c) => c.query('SELECT x FROM t'));
    expect(rows.rows).toEqual([{ x: 42 }]);
  });

  it('applies settings and reports a bad one with its key', async () => {
    const engine = await open(':memory:', { settings: { memory_limit: '512MB', threads: 1 } });
    const { rows } = await engine.withConnection((c) => c.query("SELECT current_setting('threads') AS t"));
    expect(Number(rows[0].t)).toBe(1);
    await expect(open(':memory:', { settings: { no_such_setting: 1 } })).rejects.toThrow(/setting 'no_such_setting' from the profile/);
  });

  it('gives a database file the engine defaults, each of which the profile overrides', async () => {
    const setting = async (engine: Engine, name: string): Promise<string> => {
      const { rows } = await engine.withConnection((c) => c.query(`SELECT current_setting('${name}')::VARCHAR AS v`));
      return String(rows[0].v);
    };
    const withDefaults = await open(path.join(tempDir(), 'defaults.duckdb'));
    expect((await setting(withDefaults, 'disabled_compression_methods')).toLowerCase()).toBe('fsst');
    expect(await setting(withDefaults, 'block_allocator_memory')).toMatch(/^(256\.0 MiB|244\.1 MiB)$/);
    const overridden = await open(path.join(tempDir(), 'profile.duckdb'), { settings: { disabled_compression_methods: '' } });
    expect(await setting(overridden, 'disabled_compression_methods')).toBe('');
  });

  it('loads built-in extensions and explains an extension that cannot be installed', async () => {
    await open(':memory:', { extensions: ['json'] });
    const failure = open(':memory:', { extensions: ['surely_not_an_extension'] });
    await expect(failure).rejects.toThrow(/extension 'surely_not_an_extension' could not be loaded/);
  });

  it('pools up to `threads` connections and hands a released one to a waiter', async () => {
    const engine = await open(':memory:', { threads: 1 });
    const first = await engine.acquire();
    let gotSecond = false;
    const second = engine.acquire().then((c) => {
      gotSecond = true;
      return c;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(gotSecond).toBe(false);
    first.release();
    const conn = await second;
    expect(conn).toBe(first);
    conn.release();
  });
});

describe('rows are JSON-safe', () => {
  it('converts bigint, decimal, date, timestamp, lists and structs', async () => {
    const engine = await open(':memory:');
    const { rows, columns } = await engine.withConnection((c) =>
      c.query(`SELECT 1::BIGINT AS small, 9007199254740993::BIGINT AS big, count(*) OVER () AS n,
        1.25::DECIMAL(10,2) AS dec, DATE '2024-01-02' AS d, TIMESTAMP '2024-01-02 03:04:05.5' AS ts,
        [1, 2] AS l, {'x': 1, 'y': 'a'} AS s, NULL AS nothing`),
    );
    expect(rows[0]).toEqual({
      small: 1,
      big: '9007199254740993',
      n: 1,
      dec: 1.25,
      d: '2024-01-02',
      ts: '2024-01-02T03:04:05.5',
      l: [1, 2],
      s: { x: 1, y: 'a' },
      nothing: null,
    });
    expect(() => JSON.stringify(rows)).not.toThrow();
    expect(columns.map((c) => c.type)).toContain('DECIMAL(10,2)');
  });
});

describe('errors', () => {
  it('carry kind, LINE n and the message without the caret block', async () => {
    const engine = await open(':memory:');
    const error = await engine.withConnection((c) => c.query('SELECT 1\nFROM range(3) t(y)\nWHERE x > 1')).catch((e) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.kind).toBe('Binder');
    expect(error.dbLine).toBe(3);
    expect(error.dbMessage).toMatch(/Referenced column "x" not found/);
    expect(error.dbMessage).not.toMatch(/LINE 3/);
    expect(error.caret).toMatch(/^LINE 3:/);
    expect(error.exitCode).toBe(1);
    expect(error.sql).toContain('WHERE x > 1');
  });

  it('classifies catalog, conversion and constraint errors', async () => {
    const engine = await open(':memory:');
    await engine.withConnection(async (c) => {
      await expect(c.query('SELECT * FROM missing_table')).rejects.toMatchObject({ kind: 'Catalog' });
      await expect(c.query("SELECT 'a'::INTEGER")).rejects.toMatchObject({ kind: 'Conversion' });
      await c.run('CREATE TABLE k (id INTEGER PRIMARY KEY)');
      await c.run('INSERT INTO k VALUES (1)');
      await expect(c.run('INSERT INTO k VALUES (1)')).rejects.toMatchObject({ kind: 'Constraint', dbLine: undefined });
    });
  });
});

describe('relations', () => {
  it('relationKind and describeRelation see tables and views by database + schema + name', async () => {
    const engine = await open(path.join(tempDir(), 'db.duckdb'));
    await engine.withConnection(async (c) => {
      await c.run('CREATE SCHEMA s; CREATE TABLE s.t AS SELECT 1 AS a, \'x\' AS b; CREATE VIEW main.v AS SELECT 2 AS c');
      expect(await c.relationKind('db', 's', 't')).toBe('table');
      expect(await c.relationKind('db', 'main', 'v')).toBe('view');
      expect(await c.relationKind('db', 'main', 't')).toBeNull();
      expect(await c.relationKind('other', 's', 't')).toBeNull();
      expect(await c.describeRelation('db', 's', 't')).toEqual([
        { name: 'a', type: 'INTEGER' },
        { name: 'b', type: 'VARCHAR' },
      ]);
      expect(await c.describeRelation('db', 's', 'nothing')).toEqual([]);
      expect(await c.describeQuery('SELECT 1 AS one; -- trailing comment')).toEqual([{ name: 'one', type: 'INTEGER' }]);
    });
  });
});

describe('transaction', () => {
  it('commits on success and rolls back when fn throws', async () => {
    const engine = await open(':memory:');
    await engine.withConnection(async (c) => {
      await c.run('CREATE TABLE t (id INTEGER)');
      await c.transaction((tx) => tx.run('INSERT INTO t VALUES (1)'));
      await expect(
        c.transaction(async (tx) => {
          await tx.run('INSERT INTO t VALUES (2)');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await c.query('SELECT id FROM t')).rows).toEqual([{ id: 1 }]);
    });
  });

  it('never lets a COMMIT after an aborted transaction pass as success', async () => {
    const engine = await open(':memory:');
    await engine.withConnection(async (c) => {
      await c.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
      await c.run('INSERT INTO t VALUES (1)');
      const outcome = c.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (2)');
        // The caller swallows the runtime error: DuckDB has aborted the transaction anyway.
        await tx.run('INSERT INTO t VALUES (1)').catch(() => undefined);
        return 'done';
      });
      await expect(outcome).rejects.toThrow(/transaction aborted by an earlier error.*Duplicate key/s);
      expect((await c.query('SELECT id FROM t ORDER BY id')).rows).toEqual([{ id: 1 }]);
      // The connection is usable afterwards (no transaction left open).
      await c.transaction((tx) => tx.run('INSERT INTO t VALUES (3)'));
      expect((await c.query('SELECT count(*) AS n FROM t')).rows).toEqual([{ n: 2 }]);
    });
  });

  it('lets a binder error be caught inside a transaction without aborting it', async () => {
    const engine = await open(':memory:');
    await engine.withConnection(async (c) => {
      await c.run('CREATE TABLE t (id INTEGER)');
      await c.transaction(async (tx) => {
        await tx.query('SELECT nope FROM t').catch(() => undefined);
        await tx.run('INSERT INTO t VALUES (5)');
      });
      expect((await c.query('SELECT id FROM t')).rows).toEqual([{ id: 5 }]);
    });
  });
});

describe('row group size', () => {
  const rowGroups = async (engine: Engine): Promise<number> =>
    engine.withConnection(async (c) => {
      await c.run('CREATE OR REPLACE TABLE t AS SELECT range AS x FROM range(40000)');
      const { rows } = await c.query("SELECT count(DISTINCT row_group_id)::INT AS n FROM pragma_storage_info('t')");
      return Number(rows[0].n);
    });

  it('writes files in groups of 16,384 rows by default, with the file as every connection\'s catalog', async () => {
    const dbPath = path.join(tempDir(), 'grouped.duckdb');
    const engine = await open(dbPath);
    expect(await rowGroups(engine)).toBe(3);
    const [a, b] = [await engine.acquire(), await engine.acquire()];
    expect((await b.query('SELECT current_database() AS db')).rows).toEqual([{ db: 'grouped' }]);
    expect((await b.query('SELECT count(*)::INT AS n FROM t')).rows).toEqual([{ n: 40000 }]);
    a.release();
    b.release();
    await opened.pop()!.close();
    const reopened = await open(dbPath, { readOnly: true });
    expect(await reopened.withConnection(async (c) => (await c.query('SELECT count(*)::INT AS n FROM t')).rows)).toEqual([{ n: 40000 }]);
  });

  it("takes the profile's size; DuckDB's own size opens the file directly", async () => {
    expect(await rowGroups(await open(path.join(tempDir(), 'big.duckdb'), { rowGroupSize: 122880 }))).toBe(1);
    expect(await rowGroups(await open(path.join(tempDir(), 'small.duckdb'), { rowGroupSize: 8192 }))).toBe(5);
  });

  it('opens a file named memory.duckdb directly (its catalog name is the in-memory instance\'s)', async () => {
    const engine = await open(path.join(tempDir(), 'memory.duckdb'));
    expect(engine.database).toBe('memory');
    expect(await rowGroups(engine)).toBe(1);
  });
});

describe('lock held by another process', () => {
  it('fails with one clear line naming the process', async () => {
    const dbPath = path.join(tempDir(), 'locked.duckdb');
    const script = `
      const { DuckDBInstance } = require('@duckdb/node-api');
      DuckDBInstance.create(${JSON.stringify(dbPath)}).then(async (db) => {
        await (await db.connect()).run('CREATE TABLE IF NOT EXISTS t (x INTEGER)');
        console.log('ready');
        setTimeout(() => {}, 30000);
      });`;
    const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
      const error = await openEngine({ path: dbPath, threads: 1 }).catch((e) => e);
      expect(error).toBeInstanceOf(PlanError);
      expect(error).not.toBeInstanceOf(EngineError);
      expect(error.code).toBe('engine.locked');
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe(
        `database ${dbPath} is in use by another process (${process.execPath} PID ${child.pid}); stop it (e.g. a running plan watch) and try again`,
      );
      expect(error.message).not.toContain('\n');
    } finally {
      child.kill();
    }
  });

  it('releases the lock on close so another process can open the file', async () => {
    const dbPath = path.join(tempDir(), 'release.duckdb');
    const engine = await openEngine({ path: dbPath, threads: 1 });
    await engine.withConnection((c) => c.run('CREATE TABLE t AS SELECT 7 AS x'));
    await engine.close();
    const script = `
      const { DuckDBInstance } = require('@duckdb/node-api');
      DuckDBInstance.create(${JSON.stringify(dbPath)}).then(async (db) => {
        const r = await (await db.connect()).runAndReadAll('SELECT x FROM t');
        console.log(JSON.stringify(r.getRowObjectsJson()));
      }).catch((e) => { console.log('ERR ' + e.message); });`;
    const output = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd() });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', () => resolve(out.trim()));
    });
    expect(output).toBe('[{"x":7}]');
  });
});
