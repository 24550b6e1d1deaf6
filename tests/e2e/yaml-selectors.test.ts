import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { DEFAULT_PROFILE, makeProject, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';
import { readJson } from './helpers.js';

/** selectors.yml (dbt's YAML selectors): --selector, selector:<name>, the default selector. */

const SELECTORS = `selectors:
  - name: nightly
    description: nightly marts and what they read
    definition:
      method: tag
      value: nightly
      parents: true
  - name: nightly_tables
    definition:
      intersection:
        - method: selector
          value: nightly
        - config.materialized: table
  - name: everything_but_b
    default: "{{ target.name == 'dev' }}"
    definition:
      union:
        - method: fqn
          value: "*"
        - exclude:
            - '+fct_b'
`;

describe('YAML selectors (e2e)', () => {
  const dir = makeProject({
    'profiles.yml': `${DEFAULT_PROFILE()}    prod:\n      type: duckdb\n      path: target/prod.duckdb\n`,
    'selectors.yml': SELECTORS,
    'models/staging/stg_a.sql': 'select 1 as id',
    'models/staging/stg_b.sql': 'select 2 as id',
    'models/marts/fct_a.sql': "{{ config(tags=['nightly'], materialized='table') }}\nselect * from {{ ref('stg_a') }}",
    'models/marts/fct_b.sql': "{{ config(tags=['nightly']) }}\nselect * from {{ ref('stg_b') }}",
    'models/schema.yml': 'models:\n  - name: fct_a\n    columns:\n      - name: id\n        tests: [not_null]\n',
  });
  afterAll(() => removeProject(dir));
  const names = (...args: string[]): string[] => {
    const run = runPlan(['ls', '--output', 'name', ...args], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    return run.stdout.trim().split('\n').filter(Boolean).sort();
  };

  it('--selector selects what the definition says; selector: reuses one inside --select', () => {
    expect(names('--selector', 'nightly')).toEqual(['fct_a', 'fct_b', 'not_null_fct_a_id', 'stg_a', 'stg_b']);
    expect(names('--selector', 'nightly_tables')).toEqual(['fct_a', 'not_null_fct_a_id']);
    expect(names('--select', 'selector:nightly', '--exclude', 'path:models/staging')).toEqual(['fct_a', 'fct_b', 'not_null_fct_a_id']);
  });

  it('the default selector applies when nothing is selected, here only for the dev target', () => {
    expect(names()).toEqual(['fct_a', 'not_null_fct_a_id', 'stg_a']);
    expect(names('--target', 'prod').length).toBe(5);
    expect(names('--select', 'fct_b')).toEqual(['fct_b']);
  });

  it('build --selector builds the selection; manifest.json lists the selectors and run_results.json the flag', () => {
    const build = runPlan(['build', '--selector', 'nightly'], { cwd: dir });
    expect(build.code, outputOf(build)).toBe(0);
    expect(build.stdout).toMatch(/Running 5 nodes/);
    expect(Object.keys(readJson(dir, 'target/manifest.json').selectors)).toEqual(['nightly', 'nightly_tables', 'everything_but_b']);
    expect(readJson(dir, 'target/run_results.json').args.selector).toBe('nightly');
  });

  it('retry repeats the --selector of the failed run (not the default selector, which leaves fct_b out)', () => {
    writeFile(dir, 'models/marts/fct_b.sql', "{{ config(tags=['nightly']) }}\nselect * from missing_table");
    expect(runPlan(['build', '--selector', 'nightly'], { cwd: dir }).code).toBe(1);
    writeFile(dir, 'models/marts/fct_b.sql', "{{ config(tags=['nightly']) }}\nselect * from {{ ref('stg_b') }}");
    const retry = runPlan(['retry'], { cwd: dir });
    expect(retry.code, outputOf(retry)).toBe(0);
    expect(retry.stdout).toMatch(/OK +view +fct_b/);
  });

  it('an unknown name, --selector with --select, and a bad definition exit 2 with the file and line', () => {
    const unknown = runPlan(['ls', '--selector', 'nope'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(outputOf(unknown)).toMatch(/No selector named 'nope'[\s\S]*defined selectors: nightly, nightly_tables, everything_but_b/);
    const both = runPlan(['build', '--selector', 'nightly', '--select', 'fct_a'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(outputOf(both)).toMatch(/--selector cannot be combined with --select or --exclude/);
    writeFile(dir, 'selectors.yml', 'selectors:\n  - name: broken\n    definition:\n      method: tag\n      valu: nightly\n');
    const broken = runPlan(['ls'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(outputOf(broken)).toMatch(/selectors\.yml:5: error: selectors\[broken\]\.definition\.valu: unknown key 'valu'/);
    expect(outputOf(broken)).not.toMatch(/\n\s+at /);
    const check = runPlan(['check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(outputOf(check)).toMatch(/selectors\.yml:5: error: .*unknown key 'valu'/);
  });
});
