import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** plan retry: the failed, errored and skipped nodes of the last run, with its command and flags. */

const FILES: Record<string, string> = {
  'seeds/s.csv': 'id\n1\n',
  'models/a.sql': "select * from {{ ref('s') }}",
  'models/b.sql': "select *, {{ var('k') }} as k from {{ ref('a') }} where nope",
  'models/c.sql': "select * from {{ ref('b') }}",
  'models/d.sql': 'select 1 as x',
};

describe('plan retry (e2e)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));

  it('without an earlier run it exits 2 and says so', () => {
    const run = runPlan(['retry'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(outputOf(run)).toMatch(/nothing to retry: there is no run_results\.json/);
  });

  it('reruns only the failed and skipped nodes, with the same vars; then has nothing to do', async () => {
    expect(runPlan(['build', '--vars', 'k: 7'], { cwd: dir }).code).toBe(1);
    writeFile(dir, 'models/b.sql', "select *, {{ var('k') }} as k from {{ ref('a') }}");
    const retry = runPlan(['retry'], { cwd: dir });
    expect(retry.code, outputOf(retry)).toBe(0);
    expect(retry.stdout).toMatch(/Retrying 2 nodes of the last plan build/);
    expect(retry.stdout).toMatch(/Running 2 nodes/);
    expect(retry.stdout).not.toMatch(/ d /);
    expect(await queryDb(dir, 'select * from c')).toEqual([{ id: 1, k: 7 }]);
    const again = runPlan(['retry'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing to retry/);
  });
});
