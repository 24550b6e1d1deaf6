import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine/index.js';
import { DEFAULT_PROFILE } from '../helpers/temp-project.js';
import { expectNoStack, makeProject, output, plan, query, removeProject } from './helpers.js';

/**
 * dbt-duckdb's `attach` in the profile: a read-only source database and a second file a model
 * is materialized into (`database=` config), through the built CLI.
 */
// The default test profile's dev output, with an attach list, and a target whose attach fails.
const PROFILES = `${DEFAULT_PROFILE()}      attach:
        - path: raw/source.duckdb
          alias: raw
          read_only: true
        - path: target/marts.duckdb
    broken:
      type: duckdb
      path: target/test.duckdb
      attach:
        - {path: missing/nowhere.duckdb, alias: nowhere, read_only: true}
`;

const SOURCES = `version: 2
sources:
  - name: crm
    database: raw
    schema: main
    tables:
      - name: customers
        columns:
          - {name: id, data_type: integer}
          - {name: name, data_type: varchar}
`;

let dir: string;
beforeAll(async () => {
  dir = makeProject({
    'profiles.yml': PROFILES,
    'models/sources.yml': SOURCES,
    'models/stg_customers.sql': "select id, upper(name) as name from {{ source('crm', 'customers') }}",
    'models/customer_count.sql': "{{ config(materialized='table', database='marts') }}\nselect count(*) as n, max(name) as last_name from {{ ref('stg_customers') }}",
  });
  const engine = await openEngine({ path: path.join(dir, 'raw', 'source.duckdb'), threads: 1 });
  await engine.withConnection((conn) => conn.run("create table customers as select * from (values (1, 'ada'), (2, 'grace')) t(id, name)"));
  await engine.close();
});
afterAll(() => removeProject(dir));

describe('attach (dbt-duckdb profile key)', () => {
  it('builds from a source in a read-only attached database into another attached database', () => {
    const run = plan(dir, 'build');
    expect(run.code, output(run)).toBe(0);
    expect(run.stderr).not.toContain('attach');
    expect(query(dir, 'select n, last_name from marts.main.customer_count')).toEqual([{ n: 2, last_name: 'GRACE' }]);
  });

  it('plan check binds models that read and write attached databases', () => {
    const run = plan(dir, 'check');
    expect(run.code, output(run)).toBe(0);
  });

  it('a database that cannot be attached is reported with its name and what to check', () => {
    const run = plan(dir, 'build', '--target', 'broken');
    expect(run.code, output(run)).toBe(2);
    expect(run.stderr).toMatch(/database 'nowhere' from the profile's attach list could not be attached/);
    expect(run.stderr).toContain('relative path starts at the project folder');
    // The entry's place in profiles.yml (the broken target's attach list starts on line 16).
    expect(run.stderr).toContain(`${path.join(dir, 'profiles.yml')}:17`);
    expectNoStack(run);
  });
});
