import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlanAsync, type CliRun } from '../helpers/run-cli.js';
import { copyFlagship, describeRun, removeDir, rows } from './flagship-helpers.js';

/**
 * A real census through `census_path`: a relative path resolves from the project folder (DuckDB's
 * file_search_path), also when `plan` runs elsewhere with --project-dir; a broken census gives
 * test failures that show the offending rows, not a crash.
 */
const HEADER = 'employee_id,birth_date,hire_date,termination_date,gross_compensation,level_id';

/** 40 employees, two of them terminated before the first simulated year. */
function goodCensus(): string {
  const lines = Array.from({ length: 40 }, (_, i) => {
    const level = (i % 5) + 1;
    const termination = i < 2 ? '2024-06-30' : '';
    return `C${String(i + 1).padStart(3, '0')},${1960 + (i % 35)}-0${(i % 9) + 1}-15,${2000 + (i % 24)}-03-01,${termination},${(45000 + level * 15000 + i * 100).toFixed(2)},${level}`;
  });
  return `${HEADER}\n${lines.join('\n')}\n`;
}

const BAD_CENSUS = `${HEADER}
B001,1980-01-01,2010-01-01,,50000,1
B001,1985-01-01,2012-01-01,,60000,2
B003,1990-01-01,2015-01-01,,-100,1
B004,1990-01-01,2020-06-01,2019-01-01,70000,2
B005,1970-03-01,2000-01-01,,90000,3
`;

const dirs: string[] = [];
let elsewhere: string;
let good: string;
let bad: string;
let runs: { simulate: CliRun; build: CliRun; check: CliRun; bad: CliRun };

/** `plan` run from a folder that is not the project, the way a script or CI job calls it. */
const fromElsewhere = (project: string, ...args: string[]): Promise<CliRun> => runPlanAsync([...args, '--project-dir', project], { cwd: elsewhere });

beforeAll(async () => {
  elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-cwd-'));
  good = copyFlagship();
  bad = copyFlagship();
  const buildDir = copyFlagship();
  dirs.push(elsewhere, good, bad, buildDir);
  for (const dir of [good, buildDir]) {
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, 'data', 'census.csv'), goodCensus());
  }
  fs.mkdirSync(path.join(bad, 'data'));
  fs.writeFileSync(path.join(bad, 'data', 'census.csv'), BAD_CENSUS);
  const census = ['--vars', '{census_path: data/census.csv}'];
  const [simulate, build, check, broken] = await Promise.all([
    fromElsewhere(good, 'simulate', '--years', '2025-2026', ...census),
    fromElsewhere(buildDir, 'build', '--vars', '{census_path: data/census.csv, year: 2025}'),
    fromElsewhere(good, 'check', ...census),
    fromElsewhere(bad, 'simulate', '--years', '2025', ...census),
  ]);
  runs = { simulate, build, check, bad: broken };
}, 180_000);

afterAll(() => dirs.forEach(removeDir));

describe('census_path', () => {
  it('simulates a CSV census given relative to the project, from another working directory', async () => {
    expect(runs.simulate.code, describeRun(runs.simulate)).toBe(0);
    const snapshot = await rows(good, "select count(*) as n, count(*) filter (where employee_id like 'C%') as census from fct_workforce_snapshot where simulation_year = 2025");
    // The 38 census actives are all in the first snapshot (some as terminations), plus the hires.
    expect(Number(snapshot[0]!.census)).toBe(38);
    expect(Number(snapshot[0]!.n)).toBeGreaterThan(38);
    const summary = await rows(good, 'select simulation_year, starting_headcount, ending_headcount from mart_workforce_summary order by 1');
    expect(summary[0]).toMatchObject({ simulation_year: 2025, starting_headcount: 38, ending_headcount: Math.round(38 * 1.03) });
    expect(summary).toHaveLength(2);
  });

  it('plan build and plan check resolve it from the project folder too', () => {
    expect(runs.build.code, describeRun(runs.build)).toBe(0);
    expect(runs.check.code, describeRun(runs.check)).toBe(0);
  });

  it('a census with a duplicate id, negative pay and hire after termination fails its tests and shows the rows', () => {
    const run = runs.bad;
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toContain('internal error');
    const failures = run.stdout.split('\n').filter((l) => / FAIL +test /.test(l));
    const failed = (name: RegExp): string => {
      const index = run.stdout.split('\n').findIndex((l) => / FAIL +test /.test(l) && name.test(l));
      expect(index, `${name} among\n${failures.join('\n')}`).toBeGreaterThan(-1);
      return run.stdout.split('\n').slice(index, index + 4).join('\n');
    };
    expect(failed(/unique_stg_census_employee_id/)).toMatch(/B001 +\| 2/);
    expect(failed(/accepted_range_stg_census_gross_compensation/)).toMatch(/B003 .*-100/);
    expect(failed(/census_hire_not_after_termination/)).toMatch(/B004 .*2020-06-01 \| 2019-01-01/);
    expect(run.stdout).toContain('Year 2025 failed');
  });
});
