#!/usr/bin/env node
// The floor for `plan run` of a project of views: what any tool must do at minimum, directly
// through @duckdb/node-api: load the library, open the database, create each view in DAG order
// from its compiled SQL, close.
//
//   node bench/direct-views.mjs <statements.json> <db file>
//
// statements.json: [{ "relation": "\"main\".\"m_00001\"", "sql": "<compiled select>" }, ...] in
// build order (bench/run.mjs writes it from `plan compile` output before timing).
import fs from 'node:fs';
import { toolProcessEnv } from './lib/process-env.mjs';
// plan sets DuckDB's allocator options before loading the library (src/engine/jemalloc-conf.ts); the
// baseline runs with the same ones, so the comparison is of the statements, not of the allocator.
// (libuv's thread pool size can only be set before the process starts: bench/run.mjs does.)
process.env.DUCKDB_JE_MALLOC_CONF = toolProcessEnv().DUCKDB_JE_MALLOC_CONF;
const { DuckDBInstance } = await import('@duckdb/node-api');

const [statementsPath, dbPath] = process.argv.slice(2);
if (!statementsPath || !dbPath) {
  process.stderr.write('usage: node bench/direct-views.mjs <statements.json> <db file>\n');
  process.exit(2);
}
const statements = JSON.parse(fs.readFileSync(statementsPath, 'utf8'));
const instance = await DuckDBInstance.create(dbPath);
const connection = await instance.connect();
for (const { relation, sql } of statements) await connection.run(`create or replace view ${relation} as (\n${sql}\n)`);
connection.closeSync();
instance.closeSync();
process.stdout.write(`created ${statements.length} views\n`);
