import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../helpers/run-cli.js';
import { DB, copyFlagship, describeRun, partitionHashes, pick, plan, removeDir, rows, simulate, varsArg, type Partitions } from './flagship-helpers.js';

/**
 * The year loop's rules on the flagship, through the built CLI: `plan build` year by year equals
 * `plan simulate`; a failed year stops the run and --resume finishes it; a year without its
 * predecessor, a bad --years and an unknown scenario are refused; --dry-run touches nothing.
 */
const dirs: string[] = [];
const fresh = (): string => {
  const dir = copyFlagship();
  dirs.push(dir);
  return dir;
};
const build = (dir: string, year: number): Promise<CliRun> => plan(dir, 'build', ...varsArg({ year }));
const FAIL_2026 = path.join('tests', 'data', 'assert_injected_failure_2026.sql');

let reference: Partitions;
let referenceDir: string;
let byBuildDir: string;
let builds: CliRun[];
let failingDir: string;
let failing: CliRun;

beforeAll(async () => {
  referenceDir = fresh();
  byBuildDir = fresh();
  failingDir = fresh();
  // A test that fails in 2026 only: the run must stop there with 2025 complete.
  fs.writeFileSync(path.join(failingDir, FAIL_2026), "select 'injected' as reason where {{ var('year') }} = 2026\n");
  const buildYears = async (): Promise<CliRun[]> => {
    const y2025 = await build(byBuildDir, 2025);
    return y2025.code === 0 ? [y2025, await build(byBuildDir, 2026)] : [y2025];
  };
  let simulated: CliRun;
  [simulated, builds, failing] = await Promise.all([simulate(referenceDir, '--years', '2025-2026'), buildYears(), simulate(failingDir, '--years', '2025-2027')]);
  expect(simulated.code, describeRun(simulated)).toBe(0);
  reference = await partitionHashes(referenceDir);
}, 180_000);

afterAll(() => dirs.forEach(removeDir));

describe('simulate artifacts', () => {
  it("leaves the last year's run_results and manifest, and the compiled SQL of every node that ran in some year", () => {
    const target = path.join(referenceDir, 'target');
    const results = JSON.parse(fs.readFileSync(path.join(target, 'run_results.json'), 'utf8'));
    expect(results.args).toMatchObject({ command: 'simulate', year: 2026 });
    const ids: string[] = results.results.map((r: { unique_id: string }) => r.unique_id);
    expect(ids).toContain('model.workforce.fct_yearly_events');
    // Seeds' tests run in the first year only (later years keep their results).
    expect(ids.some((id) => id.includes('config_job_levels'))).toBe(false);
    const compiledTests = path.join(target, 'compiled', 'workforce', 'seeds');
    expect(fs.readdirSync(compiledTests, { recursive: true }).some((f) => String(f).endsWith('.sql'))).toBe(true);
    const events = fs.readFileSync(path.join(target, 'compiled', 'workforce', 'models', 'facts', 'fct_yearly_events.sql'), 'utf8');
    expect(events).toContain('simulation_year = 2026');
    expect(JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8')).nodes['model.workforce.fct_yearly_events']).toBeDefined();
  });

  it("a failed year leaves that year's run_results", () => {
    const results = JSON.parse(fs.readFileSync(path.join(failingDir, 'target', 'run_results.json'), 'utf8'));
    expect(results.args).toMatchObject({ command: 'simulate', year: 2026 });
    expect(results.results.some((r: { unique_id: string; status: string }) => r.unique_id.includes('assert_injected_failure_2026') && r.status === 'fail')).toBe(true);
  });
});

describe('plan build year by year', () => {
  it('build --vars year=2025 then year=2026 gives the same facts as simulate 2025-2026', async () => {
    for (const run of builds) expect(run.code, describeRun(run)).toBe(0);
    expect(builds).toHaveLength(2);
    const hashes = await partitionHashes(byBuildDir);
    expect(Object.keys(hashes)).toHaveLength(4);
    expect(hashes).toEqual(reference);
  });

  it('building 2026 again changes nothing', async () => {
    const again = await build(byBuildDir, 2026);
    expect(again.code, describeRun(again)).toBe(0);
    expect(await partitionHashes(byBuildDir)).toEqual(reference);
  });

  it('simulate continues after years built with plan build (every partitioned model holds year N-1)', async () => {
    const next = await simulate(byBuildDir, '--years', '2027');
    expect(next.code, describeRun(next)).toBe(0);
    expect(next.stdout).toContain('Simulating scenario baseline, years 2027-2027');
    expect(pick(await partitionHashes(byBuildDir), 'baseline', [2025, 2026])).toEqual(reference);
    const done = await rows(byBuildDir, 'select simulation_year from plan_simulation_years order by 1');
    expect(done.map((r) => r.simulation_year)).toEqual([2027]);
  });
});

describe('a failed year and --resume', () => {
  it('stops at the failed year with exit 1 and leaves the years before it intact', async () => {
    expect(failing.code, describeRun(failing)).toBe(1);
    expect(failing.stdout).toMatch(/^\[2026\] +\d+\/\d+ FAIL +test +assert_injected_failure_2026/m);
    expect(failing.stdout).toContain('Year 2026 failed');
    expect(failing.stdout).not.toMatch(/^\[2027\]/m);
    expect(failing.stdout).not.toContain('Summary (');
    expect(failing.stderr).not.toMatch(/^\s+at /m);
    const done = await rows(failingDir, 'select simulation_year from plan_simulation_years order by 1');
    expect(done.map((r) => r.simulation_year)).toEqual([2025]);
    const runs = await rows(failingDir, 'select status, message from plan_runs');
    expect(runs).toEqual([{ status: 'error', message: 'year 2026 failed' }]);
    expect(pick(await partitionHashes(failingDir), 'baseline', [2025])).toEqual(pick(reference, 'baseline', [2025]));
  });

  it('--dry-run --resume shows what is left and changes no byte of the database', async () => {
    const file = path.join(failingDir, DB);
    const digest = (): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const before = digest();
    const run = await simulate(failingDir, '--years', '2025-2027', '--resume', '--dry-run');
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('years: 2026, 2027 (already complete: 2025)');
    expect(run.stdout).toContain('Nothing was run.');
    expect(digest()).toBe(before);
  });

  it('--resume after removing the failure runs the remaining years only and completes the run', async () => {
    fs.rmSync(path.join(failingDir, FAIL_2026));
    const run = await simulate(failingDir, '--years', '2025-2027', '--resume');
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).not.toMatch(/^\[2025\]/m);
    expect(run.stdout).toMatch(/^Year 2026 done/m);
    expect(run.stdout).toMatch(/^Year 2027 done/m);
    const done = await rows(failingDir, 'select simulation_year from plan_simulation_years order by 1');
    expect(done.map((r) => r.simulation_year)).toEqual([2025, 2026, 2027]);
    const runs = await rows(failingDir, 'select status, years from plan_runs order by started_at');
    expect(runs).toEqual([{ status: 'error', years: '2025-2027' }, { status: 'success', years: '2026-2027' }]);
    const hashes = await partitionHashes(failingDir);
    expect(pick(hashes, 'baseline', [2025, 2026])).toEqual(reference);
    expect(Object.keys(hashes)).toHaveLength(6);
    // Nothing left: a second --resume says so and runs nothing.
    const again = await simulate(failingDir, '--years', '2025-2027', '--resume');
    expect(again.code, describeRun(again)).toBe(0);
    expect(again.stdout).toContain('Nothing to resume');
  });
});

describe('refusals and --dry-run on a fresh project', () => {
  it('--dry-run prints the plan and creates nothing', async () => {
    const dir = fresh();
    const run = await simulate(dir, '--years', '2025-2027', '--dry-run');
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('Dry run: scenario baseline');
    expect(run.stdout).toContain('years: 2025, 2026, 2027');
    expect(run.stdout).toMatch(/each year builds \d+ seeds, \d+ models, \d+ data tests/);
    expect(fs.existsSync(path.join(dir, 'target'))).toBe(false);
  });

  it('year N refuses to run while N-1 is missing (exit 2), before creating the database', async () => {
    const dir = fresh();
    const [gap, list] = await Promise.all([simulate(dir, '--years', '2026-2027'), simulate(dir, '--years', '2025,2027')]);
    for (const run of [gap, list]) {
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
    expect(gap.stderr).toContain("year 2026 needs year 2025 of scenario 'baseline', which has not been simulated");
    expect(gap.stderr).toContain('--years 2025-2027');
    expect(list.stderr).toContain('year 2027 needs year 2026');
    expect(fs.existsSync(path.join(dir, DB))).toBe(false);
  });

  it('a year before start_year is refused with a hint', async () => {
    const run = await simulate(fresh(), '--years', '2024-2025');
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain('year 2024 comes before start_year 2025');
    expect(run.stderr).toContain('--vars start_year=2024');
  });

  it('bad --years and an unknown scenario exit 2 with what to do', async () => {
    const dir = fresh();
    const [junk, backwards, unknown] = await Promise.all([
      simulate(dir, '--years', 'twenty'),
      simulate(dir, '--years', '2027-2025'),
      simulate(dir, '--scenario', 'moonshot'),
    ]);
    expect(junk.code, describeRun(junk)).toBe(2);
    expect(junk.stderr).toContain("--years 'twenty' is not a year range");
    expect(backwards.code, describeRun(backwards)).toBe(2);
    expect(backwards.stderr).toContain('the end year comes before the start year');
    expect(unknown.code, describeRun(unknown)).toBe(2);
    expect(unknown.stderr).toContain("scenario 'moonshot' not found: scenarios/moonshot.yml does not exist");
    expect(unknown.stderr).toContain('known scenarios: baseline, cost_control, high_growth');
    expect(fs.existsSync(path.join(dir, 'target'))).toBe(false);
  });
});
