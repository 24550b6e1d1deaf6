import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, projectYml, removeProject } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';

/** dbt's source freshness: max(loaded_at_field) against warn_after / error_after. */

const HOOKS = [
  'create schema if not exists raw',
  "create or replace table raw.orders as select 1 as id, now()::timestamp - interval 2 hour as loaded_at",
  "create or replace table raw.customers as select 1 as id, now()::timestamp - interval 3 day as loaded_at",
  "create or replace table raw.events as select 1 as id, now()::timestamp - interval 30 hour as loaded_at, false as test_row",
];

const FILES: Record<string, string> = {
  'project.yml': projectYml('test', `on-run-start:\n${HOOKS.map((h) => `  - "${h}"`).join('\n')}\n`),
  'models/sources.yml': `version: 2
sources:
  - name: raw
    loaded_at_field: loaded_at
    freshness:
      warn_after: {count: 12, period: hour}
      error_after: {count: 2, period: day}
    tables:
      - name: orders
      - name: customers
      - name: events
        freshness:
          warn_after: {count: 1, period: day}
          filter: not test_row
      - name: untracked
        freshness: null
`,
  'models/o.sql': "select * from {{ source('raw', 'orders') }}",
};

describe('plan source freshness (e2e)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));

  it('grades each source table by age, writes sources.json, exits 1 on error_after', () => {
    expect(runPlan(['run'], { cwd: dir }).code).toBe(0);
    const run = runPlan(['source', 'freshness'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(1);
    expect(run.stdout).toMatch(/Checking the freshness of 3 source tables \(1 without freshness and loaded_at_field skipped\)/);
    expect(run.stdout).toMatch(/ERROR freshness of raw\.customers: last loaded 3 days ago/);
    // events: the table's own freshness (warn after a day; no error_after) replaces the source's.
    expect(run.stdout).toMatch(/WARN +freshness of raw\.events: last loaded 30 h ago/);
    expect(run.stdout).toMatch(/PASS +freshness of raw\.orders: last loaded 2 h ago/);
    const sources = JSON.parse(fs.readFileSync(path.join(dir, 'target', 'sources.json'), 'utf8')) as { results: { unique_id: string; status: string; max_loaded_at_time_ago_in_s: number }[] };
    expect(sources.results.map((r) => [r.unique_id, r.status])).toEqual([
      ['source.test.raw.customers', 'error'],
      ['source.test.raw.events', 'warn'],
      ['source.test.raw.orders', 'pass'],
    ]);
    expect(sources.results[2].max_loaded_at_time_ago_in_s).toBeGreaterThanOrEqual(7200);
  });

  it('--select narrows the check; passing and warning sources exit 0', () => {
    const run = runPlan(['source', 'freshness', '--select', 'source:raw.orders', 'source:raw.events'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toMatch(/PASS=1 WARN=1 ERROR=0/);
  });
});
