import { Option, type Command } from 'commander';
import path from 'node:path';
import { loadPreviousState, type PreviousState } from '../select/state-manifest.js';
import { parseVarsArg } from '../config/index.js';
import { ConfigError } from '../errors/plan-error.js';

/** Options every project command takes. */
export interface ProjectOptions {
  readonly projectDir?: string;
  readonly profilesDir?: string;
  readonly target?: string;
  readonly vars?: string;
  readonly debug?: boolean;
}

export interface SelectionOptions {
  readonly select?: string[];
  readonly exclude?: string[];
  /** A selector of selectors.yml (dbt's --selector). */
  readonly selector?: string;
  readonly indirectSelection?: 'eager' | 'cautious' | 'buildable' | 'empty';
  /** Folder with an earlier run's manifest.json, for `state:` selectors. */
  readonly state?: string;
}

/** The earlier run given with --state (relative to the working folder), if any. */
export function previousStateOf(options: SelectionOptions, cwd: string): PreviousState | undefined {
  return options.state === undefined ? undefined : loadPreviousState(path.resolve(cwd, options.state));
}

export function addProjectOptions(command: Command): Command {
  return command
    .option('--project-dir <dir>', 'folder holding project.yml or dbt_project.yml (default: current folder)')
    .option('--profiles-dir <dir>', 'folder holding profiles.yml (default: search the project folder, ~/.plan, ~/.dbt)')
    .option('-t, --target <name>', 'target in the profile to use (default: the profile\'s target)')
    .option('--vars <vars>', "variables: 'year=2025', 'a=1,b=x' or a YAML/JSON mapping '{year: 2025}'")
    .option('--debug', 'show stack traces and debug output');
}

export function addSelectionOptions(command: Command): Command {
  return command
    .option('-s, --select <selector...>', 'nodes to include (dbt selection syntax)')
    .option('--exclude <selector...>', 'nodes to leave out')
    .option('--selector <name>', 'a selector defined in selectors.yml')
    .addOption(new Option('--indirect-selection <mode>', 'how tests of selected nodes are added').choices(['eager', 'cautious', 'buildable', 'empty']))
    .option('--state <dir>', "folder with an earlier run's manifest.json / run_results.json, for state: and result: selectors");
}

export function projectDirOf(options: ProjectOptions, cwd: string): string {
  return path.resolve(cwd, options.projectDir ?? '.');
}

export function cliVarsOf(options: ProjectOptions): Record<string, unknown> {
  if (options.vars === undefined) return {};
  return parseVarsArg(options.vars);
}

export function parseThreads(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError('cli.threads', `--threads must be a whole number of at least 1, got '${value}'`);
  return n;
}

export function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < -1) throw new ConfigError('cli.limit', `--limit must be a whole number (or -1 for no limit), got '${value}'`);
  return n;
}
