import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { DEFAULT_PROFILE, makeProject, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** Issue 3, section 2: contracts on tables, views and incrementals, through the built CLI. */

const SCHEMA = `version: 2
models:
  - name: orders
    config:
      materialized: table
      contract: {enforced: true}
    columns:
      - name: id
        data_type: int
        constraints: [{type: not_null}, {type: primary_key}]
      - name: code
        data_type: string
        constraints: [{type: unique}]
      - name: amount
        data_type: numeric(10,2)
        constraints: [{type: check, expression: "amount >= 0"}]
      - name: big
        data_type: int8
      - name: ratio
        data_type: float8
      - name: flag
        data_type: bool
      - name: at
        data_type: timestamptz
  - name: orders_view
    config:
      materialized: view
      contract: {enforced: true}
    columns:
      - name: id
        data_type: integer
        constraints: [{type: not_null}]
      - name: name
        data_type: text
  - name: inc
    config:
      materialized: incremental
      unique_key: id
      on_schema_change: append_new_columns
      contract: {enforced: true}
    columns:
      - name: id
        data_type: int4
        constraints: [{type: not_null}]
      - name: name
        data_type: varchar
`;

const ORDERS_OK = `select 1 as id, 'a' as code, 10.50::decimal(10,2) as amount, 5::bigint as big, 0.5::double as ratio,
  true as flag, timestamptz '2024-01-01 00:00:00+00' as at
union all
select 2, 'b', 3.00::decimal(10,2), 6::bigint, 1.5::double, false, timestamptz '2024-01-02 00:00:00+00'
`;

const ORDERS_WITH = (id: string, code: string, amount: string): string =>
  `select ${id} as id, ${code} as code, ${amount}::decimal(10,2) as amount, 5::bigint as big, 0.5::double as ratio, true as flag, timestamptz '2024-01-01 00:00:00+00' as at`;

const INC = (select: string): string => `{{ config(materialized='incremental') }}\n${select}\n`;

describe('contracts (e2e)', () => {
  const dir = makeProject({
    'models/schema.yml': SCHEMA,
    'models/orders.sql': ORDERS_OK,
    'models/orders_view.sql': "select 1 as id, 'x' as name\n",
    'models/inc.sql': INC("select {{ var('id', 1) }}::int as id, 'x' as name"),
  });
  afterAll(() => removeProject(dir));
  const build = (...args: string[]) => runPlan(['build', ...args], { cwd: dir });
  const ordersIds = async () => (await queryDb(dir, 'select id, code from orders order by id')).map((r) => `${String(r.id)}:${String(r.code)}`);

  it('builds when the SQL matches the declared types, normalizing type names; warns on view constraints', async () => {
    const run = build();
    expect(run.code, outputOf(run)).toBe(0);
    expect(outputOf(run)).toMatch(/Model 'orders_view' is a view: the not_null constraint on column 'id' cannot be enforced/);
    expect(await ordersIds()).toEqual(['1:a', '2:b']);
  });

  it('fails a table whose columns differ, prints the diff table, and keeps the previous table and rows', async () => {
    writeFile(dir, 'models/orders.sql', `select 1::bigint as id, 'a' as code, 1.0::decimal(10,2) as amount, 5::bigint as big, 0.5::double as ratio, timestamptz '2024-01-01 00:00:00+00' as at, 1 as extra\n`);
    const run = build('--select', 'orders');
    expect(run.code).toBe(1);
    const out = outputOf(run);
    expect(out).toMatch(/Model 'orders' \(models\/orders\.sql\) has an enforced contract that its SQL does not match/);
    expect(out).toMatch(/\| column +\| declared +\| actual +\| problem/);
    expect(out).toMatch(/\| id +\| INTEGER +\| BIGINT +\| data type mismatch/);
    expect(out).toMatch(/\| flag +\| BOOLEAN +\| - +\| declared in the contract, not produced by the SQL/);
    expect(out).toMatch(/\| extra +\| - +\| INTEGER +\| produced by the SQL, not declared in the contract/);
    expect(out).toMatch(/hint: .*under `columns:` in models\/schema\.yml:21; cast the column .*\(models\/schema\.yml:8\)/);
    expect(await ordersIds()).toEqual(['1:a', '2:b']);
  });

  it('compares decimal precision and scale', async () => {
    writeFile(dir, 'models/orders.sql', ORDERS_OK.replaceAll('decimal(10,2)', 'decimal(12,2)'));
    const run = build('--select', 'orders');
    expect(run.code).toBe(1);
    expect(outputOf(run)).toMatch(/\| amount +\| DECIMAL\(10,2\) +\| DECIMAL\(12,2\) +\| data type mismatch/);
    expect(await ordersIds()).toEqual(['1:a', '2:b']);
  });

  it('enforces not_null, primary_key, unique and check constraints in DDL, keeping the old table on violation', async () => {
    const cases: [string, RegExp][] = [
      [ORDERS_WITH('null::int', "'z'", '1'), /NOT NULL constraint failed/],
      [`${ORDERS_WITH('7', "'p'", '1')}\nunion all\n${ORDERS_WITH('7', "'q'", '1')}`, /(PRIMARY KEY|primary key|Duplicate key)/i],
      [`${ORDERS_WITH('8', "'u'", '1')}\nunion all\n${ORDERS_WITH('9', "'u'", '1')}`, /(UNIQUE|Duplicate key)/i],
      [ORDERS_WITH('10', "'c'", '-1'), /CHECK constraint failed/i],
    ];
    for (const [sql, message] of cases) {
      writeFile(dir, 'models/orders.sql', sql);
      const run = build('--select', 'orders');
      expect(run.code, sql).toBe(1);
      expect(outputOf(run)).toMatch(message);
      expect(outputOf(run)).toMatch(/models\/orders\.sql/);
      expect(await ordersIds()).toEqual(['1:a', '2:b']);
    }
  });

  it('fails a view whose columns differ and leaves the old view in place', async () => {
    writeFile(dir, 'models/orders_view.sql', "select 'one' as id, 'x' as name\n");
    const run = build('--select', 'orders_view');
    expect(run.code).toBe(1);
    expect(outputOf(run)).toMatch(/\| id +\| INTEGER +\| VARCHAR +\| data type mismatch/);
    expect(await queryDb(dir, 'select * from orders_view')).toEqual([{ id: 1, name: 'x' }]);
  });

  it('checks incremental runs too (with on_schema_change), keeping the rows of earlier runs', async () => {
    expect(build('--select', 'inc', '--vars', 'id: 2').code).toBe(0);
    writeFile(dir, 'models/inc.sql', INC("select {{ var('id', 1) }}::int as id, 'x' as name, 5 as extra"));
    const extra = build('--select', 'inc', '--vars', 'id: 3');
    expect(extra.code).toBe(1);
    expect(outputOf(extra)).toMatch(/\| extra +\| - +\| INTEGER +\| produced by the SQL, not declared in the contract/);
    writeFile(dir, 'models/inc.sql', INC("select {{ var('id', 1) }}::int as id, 'x' as name"));
    const nulls = build('--select', 'inc', '--vars', "id: 'null'");
    expect(nulls.code).toBe(1);
    expect(outputOf(nulls)).toMatch(/NOT NULL constraint failed/);
    const rows = await queryDb(dir, 'select id from inc order by id');
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    const columns = await queryDb(dir, "select column_name from information_schema.columns where table_name = 'inc' order by ordinal_position");
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'name']);
  });
});

describe('contract on an ephemeral model (e2e)', () => {
  it('is an error that says why, and nothing runs', () => {
    const dir = makeProject({
      'models/eph.sql': "{{ config(materialized='ephemeral') }}\nselect 1 as id\n",
      'models/uses.sql': "select * from {{ ref('eph') }}\n",
      'models/schema.yml': 'version: 2\nmodels:\n  - name: eph\n    config:\n      contract: {enforced: true}\n    columns:\n      - name: id\n        data_type: int\n',
    });
    try {
      const run = runPlan(['build'], { cwd: dir });
      expect(run.code).toBe(2);
      const out = outputOf(run);
      expect(out).toMatch(/models\/schema\.yml(:\d+)?: error: Model 'eph' \(models\/eph\.sql\) is ephemeral and has an enforced contract/);
      expect(out).toMatch(/inlined as a CTE/);
      expect(out).toMatch(/nothing was run/);
    } finally {
      removeProject(dir);
    }
  });
});

describe('contracts in a dbt project (dbt_project.yml) compare types as dbt-duckdb (e2e)', () => {
  const dir = makeProject(
    {
      'dbt_project.yml': 'name: test\nprofile: test\nconfig-version: 2\n',
      'profiles.yml': DEFAULT_PROFILE(),
      'models/m.sql': "select 1 as id, 2.5 as amount, now()::timestamp as at, 'x' as label",
      'models/schema.yml': `models:
  - name: m
    config:
      materialized: table
      contract: {enforced: true}
    columns:
      - {name: id, data_type: bigint}
      - {name: amount, data_type: double}
      - {name: at, data_type: timestamptz}
      - {name: label, data_type: integer}
`,
    },
    { withDefaults: false },
  );
  afterAll(() => removeProject(dir));

  it('any number matches any number and any timestamp any timestamp; the table gets the declared types; other types still differ', async () => {
    const failing = runPlan(['run'], { cwd: dir });
    expect(failing.code).toBe(1);
    expect(outputOf(failing)).toMatch(/\| label +\| INTEGER +\| VARCHAR +\|/);
    expect(outputOf(failing)).not.toMatch(/\| (id|amount|at) +\|/);
    writeFile(dir, 'models/schema.yml', fs.readFileSync(path.join(dir, 'models/schema.yml'), 'utf8').replace('{name: label, data_type: integer}', '{name: label, data_type: varchar}'));
    const run = runPlan(['run'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(await queryDb(dir, "select column_name as c, data_type as t from information_schema.columns where table_name = 'm' order by ordinal_position")).toEqual([
      { c: 'id', t: 'BIGINT' },
      { c: 'amount', t: 'DOUBLE' },
      { c: 'at', t: 'TIMESTAMP WITH TIME ZONE' },
      { c: 'label', t: 'VARCHAR' },
    ]);
  });
});
