import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';

/** state: selectors against an earlier run's manifest.json (--state), as in dbt's slim CI. */

describe('state: selection (e2e)', () => {
  const dir = makeProject({
    'seeds/s.csv': 'id\n1\n',
    'models/a.sql': "select * from {{ ref('s') }}",
    'models/b.sql': "select * from {{ ref('a') }}",
    'models/c.sql': 'select 1 as x',
  });
  afterAll(() => removeProject(dir));
  const names = (selector: string): string[] =>
    runPlan(['ls', '--select', selector, '--state', 'prod', '--resource-type', 'model', '--output', 'name'], { cwd: dir }).stdout.trim().split('\n').filter(Boolean).sort();

  it('new, modified (SQL, config), its parts and children, unmodified', () => {
    expect(runPlan(['build'], { cwd: dir }).code).toBe(0);
    fs.cpSync(path.join(dir, 'target'), path.join(dir, 'prod'), { recursive: true });
    writeFile(dir, 'models/a.sql', "select *, 2 as y from {{ ref('s') }}");
    writeFile(dir, 'models/schema.yml', 'version: 2\nmodels:\n  - name: c\n    config:\n      materialized: table\n');
    writeFile(dir, 'models/d.sql', 'select 3 as z');
    expect(names('state:new')).toEqual(['d']);
    expect(names('state:modified')).toEqual(['a', 'c', 'd']);
    expect(names('state:modified.body')).toEqual(['a']);
    expect(names('state:modified.configs')).toEqual(['c']);
    expect(names('state:modified+')).toEqual(['a', 'b', 'c', 'd']);
    expect(names('state:unmodified')).toEqual(['b']);
    const build = runPlan(['build', '--select', 'state:modified', '--state', 'prod'], { cwd: dir });
    expect(build.code, outputOf(build)).toBe(0);
    expect(build.stdout).toMatch(/Running 3 nodes/);
  });

  it('without --state, or with a folder holding no manifest.json, exits 2 and says what to pass', () => {
    const missing = runPlan(['ls', '--select', 'state:modified'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(outputOf(missing)).toMatch(/no --state was given/);
    const nowhere = runPlan(['ls', '--select', 'state:modified', '--state', 'nowhere'], { cwd: dir });
    expect(nowhere.code).toBe(2);
    expect(outputOf(nowhere)).toMatch(/--state .*nowhere: no manifest\.json there/);
  });

  it('result:<status> picks nodes by their status in the earlier run_results.json; result:error+ adds their children', () => {
    writeFile(dir, 'models/a.sql', 'select * from not_a_table');
    expect(runPlan(['build'], { cwd: dir }).code).toBe(1);
    fs.rmSync(path.join(dir, 'last'), { recursive: true, force: true });
    fs.cpSync(path.join(dir, 'target'), path.join(dir, 'last'), { recursive: true });
    const byResult = (selector: string): string[] =>
      runPlan(['ls', '--select', selector, '--state', 'last', '--output', 'name'], { cwd: dir }).stdout.trim().split('\n').filter(Boolean).sort();
    expect(byResult('result:error')).toEqual(['a']);
    expect(byResult('result:skipped')).toEqual(['b']);
    expect(byResult('result:error+')).toEqual(['a', 'b']);
    expect(byResult('result:success')).toEqual(expect.arrayContaining(['c', 's']));
    writeFile(dir, 'models/a.sql', "select * from {{ ref('s') }}");
    const rerun = runPlan(['build', '--select', 'result:error+', 'result:skipped+', '--state', 'last'], { cwd: dir });
    expect(rerun.code, outputOf(rerun)).toBe(0);
    expect(rerun.stdout).toMatch(/Running 2 nodes/);
    const bad = runPlan(['ls', '--select', 'result:broken', '--state', 'last'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(outputOf(bad)).toMatch(/Invalid result 'broken'/);
    fs.rmSync(path.join(dir, 'last', 'run_results.json'));
    const none = runPlan(['ls', '--select', 'result:error', '--state', 'last'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(outputOf(none)).toMatch(/run_results\.json, but --state .*last has none/);
  });
});
