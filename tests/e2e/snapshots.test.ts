import { afterAll, describe, expect, it } from 'vitest';
import { runPlan, type CliRun } from '../helpers/run-cli.js';
import { makeProject, projectYml, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** dbt snapshots: {% snapshot %} blocks and yml `relation:` snapshots, timestamp and check strategies. */

const FILES: Record<string, string> = {
  'project.yml': projectYml('test', 'snapshots:\n  test:\n    +target_schema: history\n'),
  'seeds/raw_orders.csv': 'id,status,amount,updated_at\n1,placed,10,2024-01-01 10:00:00\n2,placed,20,2024-01-01 11:00:00\n',
  'snapshots/orders.sql': `{% snapshot orders_ts %}
{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at') }}
select * from {{ ref('raw_orders') }}
{% endsnapshot %}

{% snapshot orders_far %}
{{ config(unique_key='id', strategy='check', check_cols=['status'], updated_at='updated_at', dbt_valid_to_current="cast('9999-12-31' as timestamp)") }}
select * from {{ ref('raw_orders') }}
{% endsnapshot %}

{% snapshot orders_nr %}
{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record') }}
select id, status, updated_at from {{ ref('raw_orders') }}
{% endsnapshot %}

{% snapshot orders_check %}
{{ config(unique_key=['id'], strategy='check', check_cols=['status'], hard_deletes='invalidate') }}
select id, status, amount from {{ ref('raw_orders') }}
{% endsnapshot %}
`,
  'snapshots/props.yml': `version: 2
snapshots:
  - name: orders_ts
    columns:
      - name: id
        data_tests: [not_null]
  - name: orders_all
    relation: ref('raw_orders')
    config:
      unique_key: id
      strategy: check
      check_cols: all
`,
  'models/open_orders.sql': "select id, status from {{ ref('orders_ts') }} where dbt_valid_to is null",
};

function line(run: CliRun, name: string): string {
  const found = run.stdout.split('\n').find((l) => l.includes(` ${name} `));
  if (!found) throw new Error(`no line for ${name} in:\n${outputOf(run)}`);
  return found;
}

describe('snapshots (e2e)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));

  it('build takes the first versions in DAG order; models ref snapshots; tests attach to them', async () => {
    const run = runPlan(['build'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(line(run, 'orders_ts')).toMatch(/OK +snapshot +orders_ts +SNAPSHOT \(2 new rows\)/);
    expect(run.stdout.indexOf(line(run, 'orders_ts'))).toBeLessThan(run.stdout.indexOf(line(run, 'open_orders')));
    expect(line(run, 'not_null_orders_ts_id')).toMatch(/PASS/);
    // project.yml's +target_schema names the schema as it is (dbt's legacy config).
    expect(await queryDb(dir, 'select id, status, dbt_valid_from::varchar as f, dbt_valid_to from history.orders_ts order by id')).toEqual([
      { id: 1, status: 'placed', f: '2024-01-01 10:00:00', dbt_valid_to: null },
      { id: 2, status: 'placed', f: '2024-01-01 11:00:00', dbt_valid_to: null },
    ]);
    expect(await queryDb(dir, 'select count(*)::int as n from history.orders_all where dbt_scd_id is not null')).toEqual([{ n: 2 }]);
  });

  it('plan snapshot records changes: a new version per changed row, the old one closed; deletes by hard_deletes', async () => {
    writeFile(dir, 'seeds/raw_orders.csv', 'id,status,amount,updated_at\n1,shipped,10,2024-01-02 09:00:00\n3,placed,30,2024-01-02 12:00:00\n');
    expect(runPlan(['seed'], { cwd: dir }).code).toBe(0);
    const run = runPlan(['snapshot'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).not.toMatch(/open_orders|raw_orders/);
    expect(line(run, 'orders_ts')).toMatch(/SNAPSHOT \(2 new versions, 1 closed\)/);
    // timestamp: row 2 left the query but hard deletes are ignored by default, so it stays current.
    expect(await queryDb(dir, 'select id, status, dbt_valid_from::varchar as f, dbt_valid_to::varchar as t from history.orders_ts order by id, dbt_valid_from')).toEqual([
      { id: 1, status: 'placed', f: '2024-01-01 10:00:00', t: '2024-01-02 09:00:00' },
      { id: 1, status: 'shipped', f: '2024-01-02 09:00:00', t: null },
      { id: 2, status: 'placed', f: '2024-01-01 11:00:00', t: null },
      { id: 3, status: 'placed', f: '2024-01-02 12:00:00', t: null },
    ]);
    // check (with invalidate): row 1's status changed, row 2 was deleted, row 3 is new.
    expect(await queryDb(dir, 'select id, status, dbt_valid_to is null as current from history.orders_check order by id, dbt_valid_from')).toEqual([
      { id: 1, status: 'placed', current: false },
      { id: 1, status: 'shipped', current: true },
      { id: 2, status: 'placed', current: false },
      { id: 3, status: 'placed', current: true },
    ]);
    // check with updated_at dates versions by it (as dbt); dbt_valid_to_current marks current versions.
    expect(await queryDb(dir, 'select id, status, dbt_valid_from::varchar as f, dbt_valid_to::varchar as t from history.orders_far order by id, dbt_valid_from')).toEqual([
      { id: 1, status: 'placed', f: '2024-01-01 10:00:00', t: '2024-01-02 09:00:00' },
      { id: 1, status: 'shipped', f: '2024-01-02 09:00:00', t: '9999-12-31 00:00:00' },
      { id: 2, status: 'placed', f: '2024-01-01 11:00:00', t: '9999-12-31 00:00:00' },
      { id: 3, status: 'placed', f: '2024-01-02 12:00:00', t: '9999-12-31 00:00:00' },
    ]);
    // new_record: the deleted row 2 gets a record of its deletion (dbt_is_deleted 'True'), current.
    expect(await queryDb(dir, 'select id, status, dbt_is_deleted as deleted, dbt_valid_to is null as current from history.orders_nr order by id, dbt_valid_from')).toEqual([
      { id: 1, status: 'placed', deleted: 'False', current: false },
      { id: 1, status: 'shipped', deleted: 'False', current: true },
      { id: 2, status: 'placed', deleted: 'False', current: false },
      { id: 2, status: 'placed', deleted: 'True', current: true },
      { id: 3, status: 'placed', deleted: 'False', current: true },
    ]);
    // Nothing changed: a second run adds nothing.
    const again = runPlan(['snapshot', '--select', 'orders_check', 'orders_nr'], { cwd: dir });
    expect(line(again, 'orders_check')).toMatch(/SNAPSHOT \(0 new versions, 0 closed\)/);
    expect(line(again, 'orders_nr')).toMatch(/SNAPSHOT \(0 new versions, 0 closed\)/);
  });

  it('a column new in the query is added to the history table (and check_cols: all sees it change)', async () => {
    writeFile(dir, 'seeds/raw_orders.csv', 'id,status,amount,updated_at,channel\n1,shipped,10,2024-01-02 09:00:00,web\n');
    expect(runPlan(['seed', '--full-refresh'], { cwd: dir }).code).toBe(0);
    const run = runPlan(['snapshot', '--select', 'orders_all'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(await queryDb(dir, "select id, channel from history.orders_all where dbt_valid_to is null order by id")).toEqual([
      { id: 1, channel: 'web' },
      { id: 2, channel: null },
      { id: 3, channel: null },
    ]);
  });

  it('is listed and selected as resource_type snapshot; run leaves snapshots alone', () => {
    const ls = runPlan(['ls', '--resource-type', 'snapshot', '--output', 'name'], { cwd: dir });
    expect(ls.stdout.trim().split('\n').sort()).toEqual(['orders_all', 'orders_check', 'orders_far', 'orders_nr', 'orders_ts']);
    const run = runPlan(['run'], { cwd: dir });
    expect(run.stdout).toMatch(/Running 1 node/);
  });

  it('a snapshot without a strategy or unique_key is an error naming the file and line (exit 2)', () => {
    writeFile(dir, 'snapshots/bad.sql', "\n{% snapshot bad %}\nselect 1 as id\n{% endsnapshot %}\n");
    const run = runPlan(['build'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(outputOf(run)).toMatch(/snapshots\/bad\.sql:2: error: snapshot 'bad': no strategy is configured/);
    expect(outputOf(run)).toMatch(/snapshots\/bad\.sql:2: error: snapshot 'bad': no unique_key is configured/);
  });
});

describe('a check snapshot whose query returns a key twice (e2e)', () => {
  const dir = makeProject({
    'models/src.sql': "select * from (values (1, 'a')) t(id, v)\n{% if var('second', false) %}union all select 1, 'b'{% endif %}",
    'snapshots/snap.sql': "{% snapshot snap %}{{ config(strategy='check', unique_key='id', check_cols=['v'], target_schema='main') }}select * from {{ ref('src') }}{% endsnapshot %}",
  });
  afterAll(() => removeProject(dir));

  it('adds only the row that differs from the current version, as dbt does (the unchanged one stays closed)', async () => {
    expect(runPlan(['build'], { cwd: dir }).code).toBe(0);
    const second = runPlan(['build', '--vars', 'second: true'], { cwd: dir });
    expect(second.code, outputOf(second)).toBe(0);
    expect(second.stdout).toMatch(/SNAPSHOT \(1 new version, 1 closed\)/);
    expect(await queryDb(dir, 'select id, v, dbt_valid_to is null as current from snap order by v')).toEqual([
      { id: 1, v: 'a', current: false },
      { id: 1, v: 'b', current: true },
    ]);
  });
});
