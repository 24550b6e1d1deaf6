import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadProjectConfig } from '../../config/index.js';
import { ConfigError } from '../../errors/plan-error.js';
import { loadOptionsOf, projectDirOf, type ProjectOptions } from '../common-options.js';
import { writeLine, type CliIO } from '../io.js';
import { runCommand, type RunCommandOptions } from './run-command.js';

const RETRYABLE_COMMANDS = ['build', 'run', 'seed', 'snapshot', 'test'] as const;
type RetryableCommand = (typeof RETRYABLE_COMMANDS)[number];

/**
 * plan retry: dbt's retry. Reads target/run_results.json and runs its command again (same
 * selection, vars and --full-refresh) for the nodes that errored, failed or were skipped.
 */
export async function retryCommand(options: ProjectOptions & { readonly threads?: number }, io: CliIO): Promise<number> {
  const projectDir = projectDirOf(options, io.cwd);
  const config = loadProjectConfig(projectDir, undefined, loadOptionsOf(options).overrides).value;
  const file = path.join(projectDir, config?.targetPath ?? 'target', 'run_results.json');
  if (!existsSync(file)) throw new ConfigError('cli.retry', 'nothing to retry: there is no run_results.json from an earlier run', { file, hint: 'run plan build (or run, seed, snapshot, test) first' });
  let previous: { args?: Record<string, unknown>; results?: { unique_id: string; status: string }[] };
  try {
    previous = JSON.parse(readFileSync(file, 'utf8')) as typeof previous;
  } catch {
    throw new ConfigError('cli.retry', 'run_results.json cannot be read', { file, hint: 'run the command again instead of retrying it' });
  }
  const command = previous.args?.command;
  if (!RETRYABLE_COMMANDS.includes(command as RetryableCommand)) {
    throw new ConfigError('cli.retry', `the last run was plan ${String(command)}, which retry does not repeat`, { file, hint: `retry repeats ${RETRYABLE_COMMANDS.join(', ')}` });
  }
  const failed = new Set((previous.results ?? []).filter((r) => ['error', 'fail', 'skipped', 'runtime error'].includes(r.status)).map((r) => r.unique_id));
  if (failed.size === 0) {
    writeLine(io.stdout, `Nothing to retry: every node of the last plan ${String(command)} succeeded`);
    return 0;
  }
  const args = previous.args ?? {};
  const list = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined);
  const vars = args.vars && typeof args.vars === 'object' && Object.keys(args.vars).length > 0 ? JSON.stringify(args.vars) : undefined;
  const rerun: RunCommandOptions = {
    ...options,
    ...(vars !== undefined ? { vars } : {}),
    ...(list(args.select) ? { select: list(args.select) } : {}),
    ...(list(args.exclude) ? { exclude: list(args.exclude) } : {}),
    ...(typeof args.selector === 'string' ? { selector: args.selector } : {}),
    fullRefresh: args.full_refresh === true,
  };
  writeLine(io.stdout, `Retrying ${failed.size} node${failed.size === 1 ? '' : 's'} of the last plan ${String(command)}`);
  return runCommand(command as RetryableCommand, rerun, io, failed);
}
