import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** dbt's run-operation: a macro run against the database, its queries executed once each, in order. */

const FILES: Record<string, string> = {
  'macros/ops.sql': `{% macro make_numbers(table_name, n=1) %}
  {% do run_query('create or replace table ' ~ table_name ~ ' as select range as i from range(' ~ n ~ ')') %}
  {% set r = run_query('select count(*) from ' ~ table_name) %}
  {{ log('created ' ~ table_name ~ ' with ' ~ r[0][0] ~ ' rows', info=True) }}
{% endmacro %}
`,
};

describe('plan run-operation (e2e)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));

  it('runs the macro with --args against the database', async () => {
    const run = runPlan(['run-operation', 'make_numbers', '--args', '{table_name: numbers, n: 3}'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(outputOf(run)).toMatch(/created numbers with 3 rows/);
    expect(outputOf(run).match(/created numbers/g)).toHaveLength(1);
    expect(await queryDb(dir, 'select count(*)::int as n from numbers')).toEqual([{ n: 3 }]);
  });

  it('an unknown macro or bad --args exit 2 with a hint; a failing statement exits 1 with the query', () => {
    const unknown = runPlan(['run-operation', 'make_numbrs'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(outputOf(unknown)).toMatch(/no macro named 'make_numbrs'[\s\S]*did you mean 'make_numbers'/);
    const badArgs = runPlan(['run-operation', 'make_numbers', '--args', '[1, 2]'], { cwd: dir });
    expect(badArgs.code).toBe(2);
    expect(outputOf(badArgs)).toMatch(/--args must be a mapping/);
    const failing = runPlan(['run-operation', 'make_numbers', '--args', '{table_name: "no such table"}'], { cwd: dir });
    expect(failing.code).toBe(1);
    expect(outputOf(failing)).toMatch(/macros\/ops\.sql: error: run-operation make_numbers failed: .*Parser Error/);
    expect(outputOf(failing)).not.toMatch(/\n\s+at /);
  });
});
