import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_TESTS_SQL } from '../../src/data-tests/index.js';
import { runPlan, type CliRun } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';

/** Built-in column tests of one model share one scan (src/run/test-batches.ts) with the same per-test output. */

const FILES: Record<string, string> = {
  // id 3 twice, one null id, status 'lost' not accepted
  'models/orders.sql': "select * from (values (1, 'placed'), (3, 'shipped'), (3, 'lost'), (null, 'placed')) t(id, status)\n",
  'models/schema.yml': `version: 2
models:
  - name: orders
    columns:
      - name: id
        tests: [unique, not_null]
      - name: status
        tests:
          - not_null
          - accepted_values:
              values: [placed, shipped]
              config: {severity: warn}
`,
};

/** The output's lines without timings, sorted: completion order (and so the order of failure blocks) may differ. */
function normalized(run: CliRun): string {
  return run.stdout
    .split('\n')
    .map((l) => l.replace(/\d+(\.\d+)?s\b/g, 'Xs').replace(/^\s*\d+\/\d+/, '').trimEnd())
    .sort()
    .join('\n');
}

function sharedScans(log: string): number {
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.includes('with base as materialized')).length;
}

describe('grouped data tests (e2e)', () => {
  const grouped = makeProject(FILES);
  // The same tests, but the project defines its own unique / not_null / accepted_values: no grouping.
  const alone = makeProject({ ...FILES, 'macros/my_tests.sql': BUILTIN_TESTS_SQL });
  afterAll(() => {
    removeProject(grouped);
    removeProject(alone);
  });

  it('reports the same results, failing rows included, with one scan instead of four', () => {
    const groupedLog = path.join(grouped, 'statements.jsonl');
    const aloneLog = path.join(alone, 'statements.jsonl');
    const a = runPlan(['build'], { cwd: grouped, env: { PLAN_SQL_LOG: groupedLog } });
    const b = runPlan(['build'], { cwd: alone, env: { PLAN_SQL_LOG: aloneLog } });
    expect(a.code, a.stdout + a.stderr).toBe(1);
    expect(b.code, b.stdout + b.stderr).toBe(1);
    expect(a.stdout).toMatch(/FAIL .*unique_orders_id .*1 failing row/);
    expect(a.stdout).toMatch(/FAIL .*not_null_orders_id .*1 failing row/);
    expect(a.stdout).toMatch(/WARN .*accepted_values_orders_status.* .*1 failing row/);
    expect(a.stdout).toMatch(/unique_field \| n_records[\s\S]*3 +\| 2/);
    expect(normalized(a)).toBe(normalized(b));
    expect(sharedScans(groupedLog)).toBe(1);
    expect(sharedScans(aloneLog)).toBe(0);
  });

  it('does not group under --store-failures (every test stores its own rows)', () => {
    const log = path.join(grouped, 'store.jsonl');
    const run = runPlan(['test', '--store-failures'], { cwd: grouped, env: { PLAN_SQL_LOG: log } });
    expect(run.stdout).toMatch(/stored in/);
    expect(sharedScans(log)).toBe(0);
  });
});
