import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan, type CliRun } from '../helpers/run-cli.js';
import { makeProject, projectYml, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** Issue 3, section 4: dbt 1.8 unit tests through the built CLI. */

const UNIT_YML = `version: 2
unit_tests:
  - name: stg_filters_deleted
    model: stg_orders
    overrides:
      vars: {fx: 2}
    given:
      - input: ref('raw_orders')
        rows:
          - {id: 1, amount: 5, status: placed}
          - {id: 2, amount: 7, status: deleted}
      - input: source('shop', 'rates')
        rows:
          - {currency: EUR, rate: 1}
    expect:
      rows:
        - {id: 1, amount: 10}
  - name: stg_csv_failing
    model: stg_orders
    given:
      - input: ref('raw_orders')
        format: csv
        rows: |
          id,amount,status
          1,5,placed
          3,4,shipped
      - input: source('shop', 'rates')
        rows: []
    expect:
      format: csv
      rows: |
        id,amount
        1,5
        3,5
  - name: inc_appends_new_rows
    model: inc_orders
    given:
      - input: ref('stg_orders')
        rows:
          - {id: 1, amount: 1}
          - {id: 5, amount: 5}
      - input: this
        rows:
          - {id: 2, amount: 2}
    expect:
      rows:
        - {id: 2, amount: 2}
        - {id: 5, amount: 5}
  - name: inc_full_refresh
    model: inc_orders
    overrides:
      macros: {is_incremental: false}
    given:
      - input: ref('stg_orders')
        rows:
          - {id: 1, amount: 1}
    expect:
      rows:
        - {id: 1, amount: 1}
`;

const FILES: Record<string, string> = {
  // the source the model reads exists only in the real database
  'project.yml': projectYml('test', "on-run-start:\n  - create schema if not exists shop\n  - create table if not exists shop.rates as select 'EUR' as currency, 1 as rate\n"),
  'seeds/raw_orders.csv': 'id,amount,status\n1,10,placed\n2,3,deleted\n',
  'models/sources.yml': 'version: 2\nsources:\n  - name: shop\n    tables:\n      - name: rates\n',
  'models/stg_orders.sql':
    "select id, amount * {{ var('fx', 1) }} as amount from {{ ref('raw_orders') }}\nwhere status != 'deleted' and exists (select 1 from {{ source('shop', 'rates') }}) or {{ var('fx', 1) }} = 1\n",
  'models/inc_orders.sql':
    "{{ config(materialized='incremental', unique_key='id') }}\nselect id, amount from {{ ref('stg_orders') }}\n{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}\n",
  'models/unit.yml': UNIT_YML,
  'models/schema.yml': 'version: 2\nmodels:\n  - name: stg_orders\n    columns:\n      - name: id\n        tests: [not_null]\n',
};

function line(run: CliRun, name: string): string {
  const found = run.stdout.split('\n').find((l) => l.includes(` ${name} `) || l.endsWith(` ${name}`));
  if (!found) throw new Error(`no line for ${name} in:\n${run.stdout}\n${run.stderr}`);
  return found;
}

describe('unit tests (e2e)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));
  const dbFile = path.join(dir, 'target', 'test.duckdb');

  it('--select test_type:unit runs only unit tests, in memory, without creating the database', () => {
    const run = runPlan(['test', '--select', 'test_type:unit'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(1);
    expect(run.stdout).toMatch(/Running 4 nodes/);
    expect(run.stdout).not.toMatch(/not_null_stg_orders_id/);
    expect(line(run, 'stg_filters_deleted')).toMatch(/PASS/);
    expect(line(run, 'inc_appends_new_rows')).toMatch(/PASS/);
    expect(line(run, 'inc_full_refresh')).toMatch(/PASS/);
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it('prints a row diff (expected vs actual) for a failing unit test, with its file', () => {
    const run = runPlan(['test', '--select', 'test_type:unit'], { cwd: dir });
    expect(line(run, 'stg_csv_failing')).toMatch(/FAIL .*1 expected row missing \(-\), 1 unexpected row \(\+\)/);
    expect(run.stdout).toMatch(/\| id \| amount \|\n.*\+ \| 3 +\| 4 +\|\n.*- \| 3 +\| 5 +\|/);
    expect(run.stdout).toMatch(/models\/unit\.yml:18: actual differs from expected/);
  });

  it('build runs a unit test after its model\'s parents and before the model; a failing one skips the model and its children', () => {
    const build = runPlan(['build'], { cwd: dir });
    expect(build.code, outputOf(build)).toBe(1);
    const order = (name: string): number => build.stdout.indexOf(line(build, name));
    expect(line(build, 'raw_orders')).toMatch(/OK/);
    expect(line(build, 'stg_filters_deleted')).toMatch(/PASS/);
    expect(line(build, 'stg_csv_failing')).toMatch(/FAIL/);
    expect(order('raw_orders')).toBeLessThan(order('stg_filters_deleted'));
    expect(line(build, 'stg_orders')).toMatch(/SKIP/);
    expect(line(build, 'inc_orders')).toMatch(/SKIP/);
    expect(line(build, 'inc_appends_new_rows')).toMatch(/SKIP/);
  });

  it('leaves the project database untouched after a build', async () => {
    const build = runPlan(['build', '--exclude', 'test_type:unit'], { cwd: dir });
    expect(build.code, outputOf(build)).toBe(0);
    const before = fs.statSync(dbFile).mtimeMs;
    const rowsBefore = await queryDb(dir, 'select id, amount from stg_orders order by id');
    const run = runPlan(['test', '--select', 'test_type:unit'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(fs.statSync(dbFile).mtimeMs).toBe(before);
    expect(await queryDb(dir, 'select id, amount from stg_orders order by id')).toEqual(rowsBefore);
    expect(await queryDb(dir, "select count(*)::int as n from information_schema.tables where table_name like '%unit%' or table_name like '%fixture%'")).toEqual([{ n: 0 }]);
  });

  it('an input the model reads but the test does not give, and a test of an unknown model, are errors with file and line', () => {
    writeFile(dir, 'models/unit.yml', `version: 2
unit_tests:
  - name: misses_source
    model: stg_orders
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, amount: 1, status: placed}]
    expect:
      rows: []
`);
    const missing = runPlan(['test', '--select', 'test_type:unit'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(line(missing, 'misses_source')).toMatch(/ERROR/);
    expect(outputOf(missing)).toMatch(/models\/unit\.yml:3: unit test 'misses_source' gives no rows for source\('shop', 'rates'\), which model 'stg_orders' reads/);

    writeFile(dir, 'models/unit.yml', 'version: 2\nunit_tests:\n  - name: t\n    model: stg_ordrs\n    given: []\n    expect: {rows: []}\n');
    const unknown = runPlan(['test'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(outputOf(unknown)).toMatch(/models\/unit\.yml:3: error: unit test 't' tests model 'stg_ordrs', which does not exist/);
    expect(outputOf(unknown)).toMatch(/did you mean 'stg_orders'\?/);
  });
});

describe('unit tests selected alone read the built columns (e2e)', () => {
  // The fixture gives only the columns the test is about; the model reads one more (name).
  const dir = makeProject({
    'models/a.sql': "select 1 as id, 'x' as name, 2.5 as amount",
    'models/b.sql': "select id, name, amount * 2 as double_amount from {{ ref('a') }}",
    'models/unit.yml': `unit_tests:
  - name: doubles
    model: b
    given:
      - input: ref('a')
        rows: [{id: 1, amount: 1.5}]
    expect:
      rows: [{id: 1, double_amount: 3.0}]
`,
  });
  afterAll(() => removeProject(dir));

  it('fills the columns a fixture omits from the relation in the database, opened read-only, as dbt does', () => {
    const before = runPlan(['test', '--select', 'test_type:unit'], { cwd: dir });
    expect(before.code, outputOf(before)).toBe(1);
    expect(outputOf(before)).toMatch(/"name"/);
    const build = runPlan(['build', '--exclude', 'test_type:unit'], { cwd: dir });
    expect(build.code, outputOf(build)).toBe(0);
    const dbFile = path.join(dir, 'target', 'test.duckdb');
    const mtime = fs.statSync(dbFile).mtimeMs;
    const after = runPlan(['test', '--select', 'test_type:unit'], { cwd: dir });
    expect(after.code, outputOf(after)).toBe(0);
    expect(after.stdout).toMatch(/PASS +unit test +doubles/);
    expect(fs.statSync(dbFile).mtimeMs).toBe(mtime);
  });
});
