import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';

/** dbt's analyses: compiled by `plan compile` (ref, var, macros), never run. */
describe('analyses (e2e)', () => {
  const dir = makeProject({
    'models/m.sql': 'select 1 as id',
    'macros/pick.sql': '{% macro pick() %}id{% endmacro %}',
    'analyses/report/a.sql': "select {{ pick() }}, {{ var('k', 3) }} as k from {{ ref('m') }}",
  });
  afterAll(() => removeProject(dir));

  it('writes their SQL under target/compiled/<project>/analyses/ and never builds them', () => {
    const compile = runPlan(['compile'], { cwd: dir });
    expect(compile.code, outputOf(compile)).toBe(0);
    expect(compile.stdout).toMatch(/Compiled 1 node and 1 analysis/);
    expect(fs.readFileSync(path.join(dir, 'target/compiled/test/analyses/report/a.sql'), 'utf8').trim()).toBe('select id, 3 as k from "test"."main"."m"');
    const build = runPlan(['build'], { cwd: dir });
    expect(build.code, outputOf(build)).toBe(0);
    expect(build.stdout).not.toMatch(/ a /);
  });
});
