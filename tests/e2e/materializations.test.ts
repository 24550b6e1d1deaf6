import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exists, makeProject, nodeLines, output, plan, queryMany, removeProject, writeFile } from './helpers.js';

const rowsOf = (batch: string): string => `select * from (values (1, ${batch}), (${batch} + 1, ${batch})) t(id, b)`;

describe('incremental strategies', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject({
      'project.yml': 'name: test\nprofile: test\nvars:\n  batch: 0\n  year: 2024\n',
      'models/app.sql': "{{ config(materialized='incremental') }}\nselect {{ var('batch') }} as b",
      'models/di.sql': `{{ config(materialized='incremental', unique_key='id') }}\n${rowsOf("{{ var('batch') }}")}`,
      'models/mg.sql': `{{ config(materialized='incremental', incremental_strategy='merge', unique_key=['id']) }}\n${rowsOf("{{ var('batch') }}")}`,
      'models/part.sql': "{{ config(materialized='incremental', partition_by=['year']) }}\nselect {{ var('year') }} as year, {{ var('batch') }} as b, range as i from range(2)",
      'models/next_year.sql': [
        "{{ config(materialized='incremental', partition_by=['year']) }}",
        "select {{ var('year') }} as year, count(*) as prior_rows",
        "{% if var('year') > 2024 %}from {{ prior('part', year=var('year') - 1) }}{% else %}from range(0){% endif %}",
      ].join('\n'),
    });
  });
  afterAll(() => removeProject(dir));

  it('append, delete+insert, merge and insert_overwrite of one year', () => {
    for (const vars of ['{batch: 1, year: 2024}', '{batch: 1, year: 2025}', '{batch: 2, year: 2024}']) {
      const run = plan(dir, 'run', '--vars', vars, '--exclude', 'next_year');
      expect(run.code, output(run)).toBe(0);
    }
    const t = queryMany(dir, {
      app: 'select b from app order by b',
      di: 'select id, b from di order by id',
      mg: 'select id, b from mg order by id',
      part: 'select year, b, count(*) as n from part group by all order by year',
      registry: "select partition, checksum is not null as has_checksum, json_extract(vars, '$.batch')::int as batch from plan_partitions where model_id = 'model.test.part' order by partition",
    });
    expect(t.app).toEqual([{ b: 1 }, { b: 1 }, { b: 2 }]);
    const upserted = [{ id: 1, b: 2 }, { id: 2, b: 1 }, { id: 3, b: 2 }];
    expect(t.di).toEqual(upserted);
    expect(t.mg).toEqual(upserted);
    // year 2024 re-run with batch 2 replaced 2024 only; 2025 is untouched
    expect(t.part).toEqual([{ year: 2024, b: 2, n: 2 }, { year: 2025, b: 1, n: 2 }]);
    expect(t.registry).toEqual([
      { partition: '{"year":2024}', has_checksum: true, batch: 2 },
      { partition: '{"year":2025}', has_checksum: true, batch: 1 },
    ]);
  });

  it('prior() reads last year; a year never built is a clear error', () => {
    const ok = plan(dir, 'run', '-s', 'next_year', '--vars', '{batch: 1, year: 2025}');
    expect(ok.code, output(ok)).toBe(0);
    const missing = plan(dir, 'run', '-s', 'next_year', '--vars', '{batch: 1, year: 2027}');
    expect(missing.code, output(missing)).toBe(1);
    expect(missing.stdout).toContain("models/next_year.sql:3: reads partition (year=2026) of 'part', which has not been built");
    const t = queryMany(dir, { next: 'select year, prior_rows from next_year' });
    expect(t.next).toEqual([{ year: 2025, prior_rows: 2 }]);
  });

  it('a runtime error in an incremental run keeps the previous rows', () => {
    writeFile(dir, 'models/di.sql', "{{ config(materialized='incremental', unique_key='id') }}\nselect 1 as id, 'x'::integer as b");
    const run = plan(dir, 'run', '-s', 'di');
    expect(run.code, output(run)).toBe(1);
    expect(run.stdout).toContain('Conversion Error');
    expect(queryMany(dir, { di: 'select id, b from di order by id' }).di).toEqual([{ id: 1, b: 2 }, { id: 2, b: 1 }, { id: 3, b: 2 }]);
  });

  it('--full-refresh rebuilds from scratch', () => {
    const run = plan(dir, 'run', '-s', 'app', '--vars', '{batch: 9, year: 2024}', '--full-refresh');
    expect(run.code, output(run)).toBe(0);
    expect(queryMany(dir, { app: 'select b from app' }).app).toEqual([{ b: 9 }]);
  });
});

describe('custom incremental strategies (dbt get_incremental_<name>_sql)', () => {
  const macro = [
    '{% macro get_incremental_keep_latest_sql(arg_dict) %}',
    "  {%- set keep = config.get('keep_on_update', []) -%}",
    "  {%- set key = arg_dict['unique_key'] -%}",
    "  {%- set updates = [] -%}",
    "  {%- for col in arg_dict['dest_columns'] if col.name not in keep and col.name != key -%}{%- do updates.append(col.quoted) -%}{%- endfor -%}",
    "  delete from {{ arg_dict['target_relation'] }} where {{ key }} in (select {{ key }} from {{ arg_dict['temp_relation'] }} where deleted);",
    "  insert into {{ arg_dict['target_relation'] }} by name",
    "  select * exclude (deleted) from {{ arg_dict['temp_relation'] }} where not deleted",
    '{% endmacro %}',
  ].join('\n');
  let dir: string;
  beforeAll(() => {
    dir = makeProject({
      'project.yml': 'name: test\nprofile: test\nvars:\n  batch: 1\n',
      'macros/keep_latest.sql': macro,
      'models/people.sql': [
        "{{ config(materialized='incremental', incremental_strategy='keep_latest', unique_key='id', keep_on_update=['first_seen']) }}",
        "select * from (values (1, 'ann', {{ var('batch') }}, {{ var('batch') }} = 2), ({{ var('batch') }} + 1, 'new', {{ var('batch') }}, false)) t(id, name, first_seen, deleted)",
        "{% if is_incremental() %}where true{% else %}where not deleted{% endif %}",
      ].join('\n'),
      'models/unknown.sql': "{{ config(materialized='incremental', incremental_strategy='nope') }}\nselect 1 as id",
    });
  });
  afterAll(() => removeProject(dir));

  it('renders the macro with target_relation, temp_relation, unique_key, dest_columns and the model config, in the build transaction', () => {
    expect(plan(dir, 'run', '-s', 'people').code).toBe(0);
    const second = plan(dir, 'run', '-s', 'people', '--vars', '{batch: 2}');
    expect(second.code, output(second)).toBe(0);
    expect(nodeLines(second).join('\n')).toMatch(/keep_latest \(custom strategy\)/);
    const t = queryMany(dir, { people: 'select id, name, first_seen from people order by id' });
    expect(t.people).toEqual([
      { id: 2, name: 'new', first_seen: 1 },
      { id: 3, name: 'new', first_seen: 2 },
    ]);
  });

  it('an unknown strategy without its macro is an error that names the macro to write, from the first run on', () => {
    const run = plan(dir, 'run', '-s', 'unknown');
    expect(run.code).toBe(1);
    expect(output(run)).toMatch(/unknown incremental_strategy 'nope'.*get_incremental_nope_sql/);
  });
});

describe('schema changes, relation switches and hooks', () => {
  it('on_schema_change: ignore, fail, append_new_columns, sync_all_columns', () => {
    const model = (mode: string, cols: string): string => `{{ config(materialized='incremental', on_schema_change='${mode}') }}\nselect ${cols}`;
    const dir = makeProject({
      'models/ign.sql': model('ignore', '1 as a, 2 as b'),
      'models/fl.sql': model('fail', '1 as a, 2 as b'),
      'models/apn.sql': model('append_new_columns', '1 as a, 2 as b'),
      'models/syn.sql': model('sync_all_columns', '1 as a, 2 as b'),
    });
    try {
      expect(plan(dir, 'run').code).toBe(0);
      for (const [name, mode] of [['ign', 'ignore'], ['fl', 'fail'], ['apn', 'append_new_columns'], ['syn', 'sync_all_columns']]) {
        writeFile(dir, `models/${name}.sql`, model(mode, '3 as a, 4 as c'));
      }
      const run = plan(dir, 'run');
      expect(run.code, output(run)).toBe(1);
      expect(nodeLines(run).find((l) => l.includes(' fl '))).toMatch(/ ERROR /);
      expect(run.stdout).toContain("on_schema_change is 'fail'");
      expect(run.stdout).toContain('--full-refresh');
      const t = queryMany(dir, {
        ign: 'select * from ign order by a',
        fl: 'select * from fl order by a',
        apn: 'select * from apn order by a',
        syn: 'select * from syn order by a',
      });
      expect(t.ign).toEqual([{ a: 1, b: 2 }, { a: 3, b: null }]);
      expect(t.fl).toEqual([{ a: 1, b: 2 }]);
      expect(t.apn).toEqual([{ a: 1, b: 2, c: null }, { a: 3, b: null, c: 4 }]);
      expect(t.syn).toEqual([{ a: 1, c: null }, { a: 3, c: 4 }]);
    } finally {
      removeProject(dir);
    }
  });

  it('switches a relation between view and table; runs pre/post hooks and on-run-start/end', () => {
    const dir = makeProject({
      'project.yml': [
        'name: test',
        'profile: test',
        'on-run-start:',
        '  - "create table if not exists run_log (what varchar)"',
        '  - "insert into run_log values (\'start\')"',
        'on-run-end:',
        '  - "insert into run_log values (\'end\')"',
      ].join('\n'),
      'models/flip.sql': "{{ config(materialized='view') }}\nselect 1 as x",
      'models/hooked.sql': [
        "{{ config(materialized='table', pre_hook=\"insert into run_log values ('pre {{ this.identifier }}')\", post_hook=[\"insert into run_log select 'post ' || count(*) from {{ this }}\"]) }}",
        'select 1 as x union all select 2',
      ].join('\n'),
    });
    try {
      expect(plan(dir, 'run').code).toBe(0);
      writeFile(dir, 'models/flip.sql', "{{ config(materialized='table') }}\nselect 2 as x");
      const toTable = plan(dir, 'run', '-s', 'flip');
      expect(toTable.code, output(toTable)).toBe(0);
      let t = queryMany(dir, { kind: "select table_type from information_schema.tables where table_name = 'flip'", rows: 'select x from flip' });
      expect(t).toEqual({ kind: [{ table_type: 'BASE TABLE' }], rows: [{ x: 2 }] });
      writeFile(dir, 'models/flip.sql', "{{ config(materialized='view') }}\nselect 3 as x");
      expect(plan(dir, 'run', '-s', 'flip').code).toBe(0);
      t = queryMany(dir, {
        kind: "select table_type from information_schema.tables where table_name = 'flip'",
        rows: 'select x from flip',
        log: 'select what from run_log',
      });
      expect(t.kind).toEqual([{ table_type: 'VIEW' }]);
      expect(t.rows).toEqual([{ x: 3 }]);
      expect(t.log.map((r) => r.what)).toEqual(['start', 'pre hooked', 'post 2', 'end', 'start', 'end', 'start', 'end']);
    } finally {
      removeProject(dir);
    }
  });

  it('a failing hook names itself: post-hook fails the model, on-run-start stops the run, on-run-end fails after artifacts', () => {
    const dir = makeProject({
      'project.yml': 'name: test\nprofile: test\non-run-start:\n  - "select * from missing_start"\n',
      'models/a.sql': "{{ config(materialized='table', post_hook='select * from missing_post') }}\nselect 1 as x",
    });
    try {
      const start = plan(dir, 'run');
      expect(start.code, output(start)).toBe(1);
      expect(start.stderr).toMatch(/^project\.yml: error: on-run-start hook 1 failed: Catalog Error: Table with name missing_start does not exist/m);
      expect(nodeLines(start)).toEqual([]);

      writeFile(dir, 'project.yml', 'name: test\nprofile: test\non-run-end:\n  - "select 1"\n  - "select * from missing_end"\n');
      const end = plan(dir, 'run');
      expect(end.code, output(end)).toBe(1);
      expect(end.stdout).toContain('models/a.sql: post-hook 1 failed: Catalog Error: Table with name missing_post does not exist');
      expect(end.stderr).toMatch(/^project\.yml: error: on-run-end hook 2 failed: Catalog Error: Table with name missing_end/m);
      expect(exists(dir, 'target/run_results.json')).toBe(true);

      writeFile(dir, 'project.yml', 'name: test\nprofile: test\non-run-end:\n  - "select {{ var(\'nope\') }}"\n');
      const unrendered = plan(dir, 'run');
      expect(unrendered.code, output(unrendered)).toBe(2);
      expect(unrendered.stderr).toContain("on-run-end hook (project.yml) uses var 'nope'");
      expect(nodeLines(unrendered)).toEqual([]);
    } finally {
      removeProject(dir);
    }
  });
});
