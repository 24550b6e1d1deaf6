import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, projectYml, removeProject } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/**
 * `plan simulate` renders year N+1 while year N runs. A template error of year N+1 must still
 * surface as that year's error, after year N is complete, and none of its log() lines may be lost.
 */
describe('simulate renders the next year ahead (e2e)', () => {
  const dir = makeProject({
    'project.yml': projectYml('test', 'vars:\n  year: 2025\n  start_year: 2025\n  end_year: 2027\n'),
    'models/m.sql': [
      "{% do log('rendering year ' ~ var('year'), info=true) %}",
      "{% if var('year') == 2027 %}{{ exceptions.raise_compiler_error('no data for 2027') }}{% endif %}",
      "select {{ var('year') }} as y",
    ].join('\n'),
  });
  afterAll(() => removeProject(dir));

  it('completes the years before the broken one and reports its error once, without a stack', async () => {
    const run = runPlan(['simulate', '--years', '2025-2027'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(2);
    expect(run.stdout).toContain('Year 2025 done');
    expect(run.stdout).toContain('Year 2026 done');
    expect(run.stdout).toContain('Year 2027 stopped (see below); completed in this run: 2025, 2026.');
    expect(outputOf(run).match(/no data for 2027/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/^1 error; year 2027 was not run\.$/m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    // A year rendered ahead logs what the year rendered up front does (parse, then compile), none lost.
    const logged = (year: number): number => run.stderr.split(`rendering year ${year}`).length - 1;
    expect(logged(2025)).toBeGreaterThan(0);
    expect(logged(2026)).toBe(logged(2025));
    expect(await queryDb(dir, 'select simulation_year from plan_simulation_years order by 1')).toEqual([{ simulation_year: 2025 }, { simulation_year: 2026 }]);
  });
});
