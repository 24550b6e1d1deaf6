import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runPlanAsync, type CliRun } from '../helpers/run-cli.js';
import { queryDb } from './helpers/query-db.js';

/** A small census keeps each simulated year well under a second. */
export const CENSUS_SIZE = 300;

/** `--vars` with the small census and any other vars (one --vars: the last one given wins). */
export function varsArg(extra: Readonly<Record<string, unknown>> = {}): string[] {
  return ['--vars', JSON.stringify({ census_size: CENSUS_SIZE, ...extra })];
}
export const DB = 'target/simulation.duckdb';
const PROJECT_FILES = ['project.yml', 'profiles.yml', 'models', 'seeds', 'macros', 'scenarios', path.join('tests', 'data')];

/**
 * A fresh copy of the flagship project (the repository root) in a temp folder, without its
 * target/: the tests never share a database with anyone working in the repository.
 */
export function copyFlagship(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-flagship-'));
  for (const rel of PROJECT_FILES) fs.cpSync(path.join(REPO_ROOT, rel), path.join(dir, rel), { recursive: true });
  return dir;
}

/** `plan <args>` in `dir` (async, so independent projects can run side by side). */
export function plan(dir: string, ...args: string[]): Promise<CliRun> {
  return runPlanAsync(args, { cwd: dir });
}

/** `plan simulate` with the small census (pass `varsArg({...})` in args to set more vars). */
export function simulate(dir: string, ...args: string[]): Promise<CliRun> {
  return plan(dir, 'simulate', ...(args.includes('--vars') ? [] : varsArg()), ...args);
}

export function describeRun(run: CliRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout.slice(-6000)}\n--- stderr\n${run.stderr.slice(-4000)}`;
}

/**
 * A fingerprint per (table, scenario, year): row count and the md5 of every row as text, in a
 * fixed order. Two equal maps mean byte-identical partitions.
 */
export type Partitions = Record<string, string>;

export async function partitionHashes(dir: string, tables: readonly string[] = ['fct_yearly_events', 'fct_workforce_snapshot']): Promise<Partitions> {
  const union = tables
    .map(
      (t) => `select '${t}' as tbl, scenario_id, simulation_year, count(*) as n,
        md5(string_agg(r::varchar, '\n' order by r::varchar)) as h from ${t} r group by all`,
    )
    .join('\nunion all\n');
  const rows = await queryDb(dir, `select * from (${union}) order by all`, DB);
  return Object.fromEntries(rows.map((r) => [`${r.tbl}/${r.scenario_id}/${r.simulation_year}`, `${r.n}:${r.h}`]));
}

/** The entries of `all` for one scenario and the given years. */
export function pick(all: Partitions, scenario: string, years: readonly number[]): Partitions {
  return Object.fromEntries(Object.entries(all).filter(([k]) => {
    const [, s, y] = k.split('/');
    return s === scenario && years.includes(Number(y));
  }));
}

export async function rows(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  return (await queryDb(dir, sql, DB)) as Record<string, unknown>[];
}

/** The data tests that ran in one simulated year, from the plain `[year] n/N PASS test name` lines. */
export function testsOfYear(run: CliRun, year: number): string[] {
  const re = new RegExp(`^\\[${year}\\] +\\d+/\\d+ (PASS|FAIL|WARN|ERROR) +test +(\\S+)`);
  return run.stdout.split('\n').flatMap((line) => {
    const m = re.exec(line);
    return m ? [m[2]!] : [];
  });
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
