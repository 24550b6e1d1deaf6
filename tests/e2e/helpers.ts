import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runPlan, type CliRun } from '../helpers/run-cli.js';

export { makeProject, writeFile, removeProject } from '../helpers/temp-project.js';
export { runPlan, runPlanAsync, REPO_ROOT } from '../helpers/run-cli.js';

/** Run `plan <args>` in `dir`. */
export function plan(dir: string, ...args: string[]): CliRun {
  return runPlan(args, { cwd: dir });
}

/** Rows of a query against the project's database, through `plan show --inline --output json`. */
export function query(dir: string, sql: string): Record<string, unknown>[] {
  const run = plan(dir, 'show', '--inline', sql, '--limit', '-1', '--output', 'json');
  if (run.code !== 0) throw new Error(`plan show failed (${run.code}):\n${run.stderr}${run.stdout}`);
  return (JSON.parse(run.stdout) as { rows: Record<string, unknown>[] }).rows;
}

/** A user error: no stack trace lines and no "internal error". */
export function expectNoStack(run: CliRun): void {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain('internal error');
}

/** The per-node lines of a run (`1/3 OK    view  a ...`). */
export function nodeLines(run: CliRun): string[] {
  return run.stdout.split('\n').filter((l) => /^\s*\d+\/\d+ /.test(l));
}

export function summaryLine(run: CliRun): string {
  return run.stdout.split('\n').find((l) => /^(Done|Finished)/.test(l)) ?? '';
}

export function readJson(dir: string, rel: string): any {
  return JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8'));
}

export function exists(dir: string, rel: string): boolean {
  return fs.existsSync(path.join(dir, rel));
}

/** `(runs, stdout+stderr)` as one string, for messages in failed expectations. */
export function output(run: CliRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** Several queries in one `plan show` process: name -> its rows (each query's rows as objects). */
export function queryMany(dir: string, queries: Readonly<Record<string, string>>): Record<string, Record<string, unknown>[]> {
  const parts = Object.entries(queries).map(([name, sql]) => `(select coalesce(list(q), []) from (${sql}) q) as "${name}"`);
  return query(dir, `select ${parts.join(', ')}`)[0] as Record<string, Record<string, unknown>[]>;
}
