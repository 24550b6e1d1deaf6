import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../helpers/run-cli.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { copyFlagship, describeRun, partitionHashes, pick, removeDir, rows, simulate, testsOfYear, varsArg, type Partitions } from './flagship-helpers.js';

/**
 * The flagship project end to end, through the built CLI: `plan simulate` over three years, the
 * bookkeeping tables, the invariant tests of every year, determinism, scenarios side by side and
 * re-running a year. Run `npm run build` first.
 */
const YEARS = [2025, 2026, 2027];
const dirs: string[] = [];
let main: string;
let first: CliRun;
let firstHashes: Partitions;
let sameSeed: CliRun;
let sameSeedDir: string;
let otherSeed: CliRun;
let otherSeedDir: string;

beforeAll(async () => {
  [main, sameSeedDir, otherSeedDir] = [copyFlagship(), copyFlagship(), copyFlagship()];
  dirs.push(main, sameSeedDir, otherSeedDir);
  [first, sameSeed, otherSeed] = await Promise.all([
    simulate(main, '--years', '2025-2027'),
    simulate(sameSeedDir, '--years', '2025-2027'),
    simulate(otherSeedDir, '--years', '2025', ...varsArg({ random_seed: 7 })),
  ]);
  expect(first.code, describeRun(first)).toBe(0);
  firstHashes = await partitionHashes(main);
}, 180_000);

afterAll(() => dirs.forEach(removeDir));

describe('plan simulate 2025-2027 on the flagship', () => {
  it('builds every year, prints the progress per year and the summary table', () => {
    expect(first.stderr).not.toMatch(/^\s+at /m);
    for (const year of YEARS) {
      expect(first.stdout).toMatch(new RegExp(`^\\[${year}\\] +\\d+/\\d+ OK +incremental +fct_yearly_events`, 'm'));
      expect(first.stdout).toMatch(new RegExp(`^Year ${year} done: \\d+ nodes`, 'm'));
    }
    expect(first.stdout).toContain('Summary (mart_workforce_summary, scenario baseline):');
    // The summary has one row per metric and one column per year.
    const lines = first.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('metric'))!.split('|').map((c) => c.trim());
    expect(header.slice(1).map(Number)).toEqual(YEARS);
    const metric = (name: string): number[] =>
      lines.find((l) => l.split('|')[0]!.trim() === name)!.split('|').slice(1).map((c) => Number(c.trim()));
    const starts = metric('starting_headcount');
    const ends = metric('ending_headcount');
    expect(starts[0]).toBe(300);
    YEARS.forEach((_, i) => expect(ends[i]).toBe(Math.round(starts[i]! * 1.03)));
    // Each year starts with the previous year's end.
    expect(starts[1]).toBe(ends[0]);
  });

  it('runs every invariant data test in every year, and they pass', () => {
    const singular = fs.readdirSync(path.join(REPO_ROOT, 'tests', 'data')).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4));
    expect(singular.length).toBeGreaterThan(5);
    for (const year of YEARS) {
      const ran = testsOfYear(first, year);
      for (const test of singular) expect(ran, `year ${year}`).toContain(test);
      expect(ran).toContain('unique_fct_yearly_events_event_id');
    }
    expect(first.stdout).not.toMatch(/ (FAIL|ERROR|WARN) /);
  });

  it('records the run in plan_runs and each year in plan_simulation_years', async () => {
    const runs = await rows(main, 'select * from plan_runs');
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run).toMatchObject({ status: 'success', scenario_id: 'baseline', years: '2025-2027', random_seed: '42', tool_version: pkg.version });
    expect(String(run.fingerprint)).toMatch(/^[0-9a-f]{16}$/);
    expect(run.started_at).not.toBeNull();
    expect(run.finished_at).not.toBeNull();
    expect(first.stdout).toContain(`(run ${String(run.run_id).slice(0, 8)})`);
    const years = await rows(main, 'select scenario_id, simulation_year, run_id, fingerprint from plan_simulation_years order by all');
    expect(years).toEqual(YEARS.map((y) => ({ scenario_id: 'baseline', simulation_year: y, run_id: run.run_id, fingerprint: run.fingerprint })));
  });

  it('fills both facts for every year', () => {
    for (const t of ['fct_yearly_events', 'fct_workforce_snapshot']) {
      for (const y of YEARS) expect(firstHashes[`${t}/baseline/${y}`], `${t} ${y}`).toMatch(/^[1-9]\d*:/);
    }
  });
});

describe('determinism', () => {
  it('two fresh runs with the same seed give identical facts', async () => {
    expect(sameSeed.code, describeRun(sameSeed)).toBe(0);
    expect(await partitionHashes(sameSeedDir)).toEqual(firstHashes);
  });

  it('another random_seed gives different facts', async () => {
    expect(otherSeed.code, describeRun(otherSeed)).toBe(0);
    const other = await partitionHashes(otherSeedDir);
    expect(Object.keys(other).sort()).toEqual(Object.keys(pick(firstHashes, 'baseline', [2025])).sort());
    for (const key of Object.keys(other)) expect(other[key], key).not.toBe(firstHashes[key]);
    expect((await rows(otherSeedDir, 'select random_seed from plan_runs'))[0]?.random_seed).toBe('7');
  });
});

describe('scenarios and re-running years (same database, in order)', () => {
  it('high_growth lives beside baseline without touching it', async () => {
    const run = await simulate(main, '--scenario', 'high_growth', '--years', '2025-2026');
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('Summary (mart_workforce_summary, scenario high_growth):');
    const all = await partitionHashes(main);
    expect(pick(all, 'baseline', YEARS)).toEqual(firstHashes);
    expect(Object.keys(pick(all, 'high_growth', [2025, 2026]))).toHaveLength(4);
    expect(all['fct_workforce_snapshot/high_growth/2025']).not.toBe(all['fct_workforce_snapshot/baseline/2025']);
    const scenarios = await rows(main, 'select distinct scenario_id from fct_workforce_snapshot order by 1');
    expect(scenarios.map((r) => r.scenario_id)).toEqual(['baseline', 'high_growth']);
    const summary = await rows(main, 'select scenario_id, count(*) as n from mart_workforce_summary group by 1 order by 1');
    expect(summary.map((r) => [r.scenario_id, Number(r.n)])).toEqual([['baseline', 3], ['high_growth', 2]]);
  });

  it('re-running a year of baseline changes nothing, in any scenario', async () => {
    const before = await partitionHashes(main);
    const run = await simulate(main, '--years', '2026');
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).not.toMatch(/^\[2025\]/m);
    expect(run.stdout).not.toMatch(/^\[2027\]/m);
    expect(await partitionHashes(main)).toEqual(before);
    const runs = await rows(main, "select years, status from plan_runs where scenario_id = 'baseline' order by started_at");
    expect(runs).toEqual([{ years: '2025-2027', status: 'success' }, { years: '2026', status: 'success' }]);
  });
});
