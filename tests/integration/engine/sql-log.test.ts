import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// PLAN_SQL_LOG is read when src/engine/sql-log.ts loads, so set it before importing the engine.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-sql-log-'));
const logFile = path.join(dir, 'statements.jsonl');
process.env.PLAN_SQL_LOG = logFile;
const { openEngine } = await import('../../../src/engine/index.js');
const { materialize } = await import('../../../src/materialize/index.js');
const { model } = await import('../materialize/helpers.js');

type Entry = { t: string; sql?: string; ok?: boolean; db?: number; conn?: number; path?: string };
const entries = (): Entry[] => fs.readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Entry);
/** Statements sent, cut at ' AS ' / the first comma; connection set-up (USE of the attached file, SET, current_database) left out. */
const sent = (): (string | undefined)[] =>
  entries()
    .filter((e) => e.t === 'sql' && !/current_database|^SET |^USE /.test(e.sql ?? ''))
    .map((e) => e.sql?.split(' AS ')[0].split(',')[0]);

describe('PLAN_SQL_LOG', () => {
  it('logs opens, connections and every statement with its outcome, and the log replays', async () => {
    const dbPath = path.join(dir, 'dev.duckdb');
    const engine = await openEngine({ path: dbPath, threads: 1 });
    await engine.withConnection(async (conn) => {
      await conn.run('create table t as select 42 as x');
      await conn.query('select x from t');
      await expect(conn.run('select * from no_such_table')).rejects.toThrow(/no_such_table/);
    });
    await engine.close();

    const log = entries();
    expect(log[0]).toMatchObject({ t: 'open', path: dbPath });
    expect(log).toContainEqual(expect.objectContaining({ t: 'connect', db: log[0].db }));
    expect(log).toContainEqual(expect.objectContaining({ t: 'sql', sql: 'create table t as select 42 as x', ok: true }));
    expect(log).toContainEqual(expect.objectContaining({ t: 'sql', sql: 'select * from no_such_table', ok: false }));
    expect(log.at(-1)).toMatchObject({ t: 'close', db: log[0].db });

    const replayDb = path.join(dir, 'replay', 'dev.duckdb');
    fs.mkdirSync(path.dirname(replayDb));
    const out = execFileSync(process.execPath, [path.resolve('bench/replay-sql.mjs'), logFile, '--db', replayDb], { encoding: 'utf8' });
    expect(out).toMatch(/replayed \d+ statements/);
  });

  it('a view without hooks is one statement, and the schema is ensured once per connection', async () => {
    fs.writeFileSync(logFile, '');
    const engine = await openEngine({ path: path.join(dir, 'views', 'dev.duckdb'), threads: 1 }); // the catalog is 'dev', as in model()
    const conn = await engine.acquire();
    for (const name of ['a', 'b', 'c']) {
      await materialize({ node: model(name, { materialized: 'view' }, 'analytics'), compiledSql: 'select 1 as id', conn, fullRefresh: false, preHooks: [], postHooks: [] });
    }
    conn.release();
    await engine.close();
    expect(sent()).toEqual([
      'CREATE SCHEMA IF NOT EXISTS "dev"."analytics"',
      'CREATE OR REPLACE VIEW "dev"."analytics"."a"',
      'CREATE OR REPLACE VIEW "dev"."analytics"."b"',
      'CREATE OR REPLACE VIEW "dev"."analytics"."c"',
    ]);
  });

  it('a table build reads the catalog once per schema, takes its row count from the CTAS and swaps in one transaction', async () => {
    fs.writeFileSync(logFile, '');
    const engine = await openEngine({ path: path.join(dir, 'tables', 'dev.duckdb'), threads: 1 });
    const conn = await engine.acquire();
    const results = [];
    for (const name of ['a', 'a', 'b']) {
      results.push(await materialize({ node: model(name, { materialized: 'table' }, 'analytics'), compiledSql: 'select 1 as id union all select 2', conn, fullRefresh: false, preHooks: [], postHooks: [] }));
    }
    conn.release();
    await engine.close();
    expect(results.map((r) => r.message)).toEqual(['CREATE TABLE (2 rows)', 'CREATE TABLE (2 rows)', 'CREATE TABLE (2 rows)']);
    const swap = (name: string, drop: boolean) => [
      'BEGIN TRANSACTION',
      `CREATE TABLE "dev"."analytics"."${name}__plan_tmp"`,
      ...(drop ? [`DROP TABLE IF EXISTS "dev"."analytics"."${name}"`] : []),
      `ALTER TABLE "dev"."analytics"."${name}__plan_tmp" RENAME TO "${name}"`,
      'COMMIT',
    ];
    expect(sent()).toEqual([
      'CREATE SCHEMA IF NOT EXISTS "dev"."analytics"',
      `SELECT table_name`,
      ...swap('a', false),
      ...swap('a', true),
      ...swap('b', false),
    ]);
  });
});
