#!/usr/bin/env node
// Replays a PLAN_SQL_LOG file directly through @duckdb/node-api: the floor a tool driving DuckDB
// can reach (load the library, open each database, send the same statements, close).
//
//   node bench/replay-sql.mjs <log.jsonl> [--db <file>]
//
// --db replaces the path of the first database file in the log, so the replay can build a fresh
// copy next to the tool's. Statements run one at a time in logged (completion) order, each on the
// connection that sent it; a statement that failed for the tool may fail here, one that succeeded
// must succeed (exit 1 otherwise). ':memory:' databases are opened as such.
import fs from 'node:fs';
import { toolProcessEnv } from './lib/process-env.mjs';
// plan sets DuckDB's allocator options before loading the library (src/engine/jemalloc-conf.ts); the
// baseline runs with the same ones, so the comparison is of the statements, not of the allocator.
// (libuv's thread pool size can only be set before the process starts: bench/run.mjs does.)
process.env.DUCKDB_JE_MALLOC_CONF = toolProcessEnv().DUCKDB_JE_MALLOC_CONF;
const { DuckDBInstance } = await import('@duckdb/node-api');

const [logPath, ...rest] = process.argv.slice(2);
if (!logPath) {
  process.stderr.write('usage: node bench/replay-sql.mjs <log.jsonl> [--db <file>]\n');
  process.exit(2);
}
const dbOverride = rest[0] === '--db' ? rest[1] : undefined;

const entries = fs
  .readFileSync(logPath, 'utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line));

// A file the tool attached with a row group size (src/engine/open-database.ts) is opened the same way.
const catalogs = new Map();
async function openLikeTheTool(path, entry) {
  if (!entry.rowGroupSize) return DuckDBInstance.create(path, entry.readOnly ? { access_mode: 'READ_ONLY' } : {});
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`ATTACH '${path.replaceAll("'", "''")}' (ROW_GROUP_SIZE ${entry.rowGroupSize})`);
  const reader = await connection.runAndReadAll(`SELECT database_name AS name FROM duckdb_databases() WHERE path = '${path.replaceAll("'", "''")}'`);
  catalogs.set(instance, reader.getRowObjectsJson()[0].name);
  connection.closeSync();
  return instance;
}

const instances = new Map();
const connections = new Map();
let statements = 0;
let firstFile;
for (const entry of entries) {
  if (entry.t === 'open') {
    firstFile ??= entry.path === ':memory:' ? undefined : entry.path;
    const path = entry.path === firstFile && dbOverride ? dbOverride : entry.path;
    instances.set(entry.db, await openLikeTheTool(path, entry));
  } else if (entry.t === 'connect') {
    const connection = await instances.get(entry.db).connect();
    const catalog = catalogs.get(instances.get(entry.db));
    if (catalog) await connection.run(`USE "${catalog}"`);
    connections.set(entry.conn, connection);
  } else if (entry.t === 'sql') {
    const conn = connections.get(entry.conn);
    statements += 1;
    try {
      // runAndReadAll like the engine's queries: reading the rows is part of the minimum work.
      await conn.runAndReadAll(entry.sql);
    } catch (error) {
      if (entry.ok) {
        process.stderr.write(`replay: statement ${statements} failed but succeeded for the tool:\n${entry.sql}\n${error.message}\n`);
        process.exit(1);
      }
    }
  } else if (entry.t === 'close') {
    instances.get(entry.db)?.closeSync();
    instances.delete(entry.db);
  }
}
for (const instance of instances.values()) instance.closeSync();
process.stdout.write(`replayed ${statements} statements\n`);
