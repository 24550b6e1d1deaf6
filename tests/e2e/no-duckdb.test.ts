import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, output, REPO_ROOT, removeProject } from './helpers.js';

/** A loader hook that makes any import of @duckdb/* fail, registered with node --import. */
const BLOCK_DUCKDB = `data:text/javascript,${encodeURIComponent(
  "import { register } from 'node:module';" +
    `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(
      "export async function resolve(specifier, context, next) { if (specifier.startsWith('@duckdb')) throw new Error('DuckDB was loaded: ' + specifier); return next(specifier, context); }",
    )}));`,
)}`;

/** The same for require() (the engine loads the CommonJS library that way), preloaded with node --require. */
const BLOCK_DUCKDB_REQUIRE =
  "const Module = require('node:module'); const resolve = Module._resolveFilename;" +
  "Module._resolveFilename = function (request, ...rest) { if (request.startsWith('@duckdb')) throw new Error('DuckDB was loaded: ' + request); return resolve.call(this, request, ...rest); };";

function planWithoutDuckDb(dir: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const preload = path.join(dir, 'block-duckdb.cjs');
  fs.writeFileSync(preload, BLOCK_DUCKDB_REQUIRE);
  const run = spawnSync(process.execPath, ['--import', BLOCK_DUCKDB, '--require', preload, path.join(REPO_ROOT, 'bin/plan.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

describe('compile and ls never load DuckDB', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject({
      'seeds/s.csv': 'id\n1\n',
      'models/a.sql': "select * from {{ ref('s') }}",
      'models/b.sql': "{{ config(materialized='incremental', unique_key='id') }}\nselect * from {{ ref('a') }}{% if is_incremental() %} where id > 0{% endif %}",
      'models/props.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [unique]\n',
    });
  });
  afterAll(() => removeProject(dir));

  it('the hook really blocks DuckDB (plan run fails under it)', () => {
    const run = planWithoutDuckDb(dir, 'run');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('DuckDB was loaded');
  });

  it('plan compile and plan ls succeed under the hook', () => {
    const compile = planWithoutDuckDb(dir, 'compile');
    expect(compile.code, output(compile)).toBe(0);
    expect(compile.stdout).toContain('Compiled 3 nodes');
    const one = planWithoutDuckDb(dir, 'compile', '-s', 'b');
    expect(one.code, output(one)).toBe(0);
    expect(one.stdout.trim()).toBe('select * from "test"."main"."a"');
    const ls = planWithoutDuckDb(dir, 'ls', '--output', 'json');
    expect(ls.code, output(ls)).toBe(0);
    expect(JSON.parse(ls.stdout).map((n: { unique_id: string }) => n.unique_id).sort()).toEqual(['model.test.a', 'model.test.b', 'seed.test.s', expect.stringMatching(/^test\.test\.unique_a_id/)]);
  });
});
