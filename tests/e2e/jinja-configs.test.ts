import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** Configs written as Jinja in dbt_project.yml and property files, rendered with var, env_var and target. */

const FILES: Record<string, string> = {
  'project.yml': `name: test
profile: test
vars:
  use_extra: false
models:
  test:
    +materialized: "{{ 'table' if target.name == 'dev' else 'view' }}"
    extra:
      +enabled: "{{ var('use_extra') }}"
`,
  'models/a.sql': 'select 1 as x',
  'models/extra/b.sql': 'select 2 as y',
  'models/props.yml': `version: 2
models:
  - name: a
    config:
      alias: "{{ env_var('A_ALIAS', 'a_default') }}"
      tags: ["{{ 'nightly' if target.name == 'dev' else 'hourly' }}"]
`,
};

describe('Jinja in configs (e2e)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));

  it('renders project and property configs: materialized by target, enabled by a var, alias by env_var, tags', async () => {
    const run = runPlan(['build'], { cwd: dir, env: { A_ALIAS: 'alpha' } });
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toMatch(/OK +table +a /);
    expect(run.stdout).toMatch(/Running 1 node/);
    expect(await queryDb(dir, "select table_name, table_type from information_schema.tables where table_schema = 'main' order by 1")).toEqual([{ table_name: 'alpha', table_type: 'BASE TABLE' }]);
    expect(runPlan(['ls', '--select', 'tag:nightly'], { cwd: dir }).stdout.trim()).toBe('test.a');
  });

  it('a --vars value turns the disabled folder on', () => {
    const run = runPlan(['build', '--vars', 'use_extra: true'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toMatch(/OK +table +b /);
  });
});

describe('Jinja in source names (e2e)', () => {
  const dir = makeProject({
    'project.yml': 'name: test\nprofile: test\non-run-start:\n  - "create schema if not exists landing"\n  - "create or replace table landing.orders_v2 as select 1 as id"\n',
    'models/src.yml': `version: 2
sources:
  - name: raw
    schema: "{{ env_var('RAW_SCHEMA', 'landing') }}"
    tables:
      - name: orders
        identifier: "orders_{{ var('orders_version', 'v2') }}"
`,
    'models/o.sql': "select * from {{ source('raw', 'orders') }}",
  });
  afterAll(() => removeProject(dir));

  it('renders a source schema and identifier with env_var and var', async () => {
    const run = runPlan(['build'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(await queryDb(dir, 'select * from o')).toEqual([{ id: 1 }]);
    const compiled = runPlan(['compile', '--select', 'o'], { cwd: dir, env: { RAW_SCHEMA: 'elsewhere' } });
    expect(compiled.stdout.trim()).toBe('select * from "test"."elsewhere"."orders_v2"');
  });
});
