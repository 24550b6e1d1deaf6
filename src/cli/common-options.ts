import { Option, type Command } from 'commander';
import path from 'node:path';
import { loadPreviousState, type PreviousState } from '../select/state-manifest.js';
import { parseVarsArg } from '../config/index.js';
import { ConfigError } from '../errors/plan-error.js';
import type { LoadProjectOptions } from '../project/index.js';
import { shouldUseColor } from '../report/console-reporter.js';

/** Options every project command takes. */
export interface ProjectOptions {
  readonly projectDir?: string;
  readonly profilesDir?: string;
  readonly target?: string;
  readonly vars?: string;
  readonly debug?: boolean;
  /** dbt's --profile: the profile to use instead of the project file's `profile:`. */
  readonly profile?: string;
  /** dbt's --target-path: the artifacts folder instead of the project file's `target-path`. */
  readonly targetPath?: string;
  /** --no-partial-parse sets false. */
  readonly partialParse?: boolean;
  /** -q / --quiet: only errors, failures and warnings. */
  readonly quiet?: boolean;
  /** --use-colors / --no-use-colors; undefined: color on a terminal only. */
  readonly useColors?: boolean;
  readonly logFormat?: string;
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
    .option('--profile <name>', "profile in profiles.yml to use (default: the project file's profile)")
    .option('-t, --target <name>', 'target in the profile to use (default: the profile\'s target)')
    .option('--target-path <dir>', "folder for artifacts and compiled SQL (default: the project file's target-path)")
    .option('--vars <vars>', "variables: 'year=2025', 'a=1,b=x' or a YAML/JSON mapping '{year: 2025}'")
    .option('--debug', 'show stack traces and debug output')
    .option('-q, --quiet', 'print only errors, failures and warnings')
    .option('--use-colors', 'color the output even when it is not a terminal')
    .option('--no-use-colors', 'never color the output')
    .option('--no-partial-parse', 'parse every property file again instead of reusing target/yaml_parse_cache.json')
    .addOption(new Option('--partial-parse', 'reuse parsed property files (the default)').hideHelp())
    .addOption(new Option('--log-format <format>', 'output format: text (json is not supported)').choices(['text', 'default', 'json', 'debug']).hideHelp())
    // Accepted so dbt command lines run unchanged; plan writes no log files and checks no versions.
    .addOption(new Option('--log-path <dir>').hideHelp())
    .addOption(new Option('--log-level <level>').hideHelp())
    .addOption(new Option('--log-level-file <level>').hideHelp())
    .addOption(new Option('--no-version-check').hideHelp())
    .addOption(new Option('--version-check').hideHelp())
    .addOption(new Option('--send-anonymous-usage-stats').hideHelp())
    .addOption(new Option('--no-send-anonymous-usage-stats').hideHelp())
    .addOption(new Option('--print').hideHelp())
    .addOption(new Option('--no-print').hideHelp());
}

/** How the project is read for this command: --profile, --target-path and --no-partial-parse. */
export function loadOptionsOf(options: ProjectOptions): LoadProjectOptions {
  if (options.logFormat === 'json' || options.logFormat === 'debug') {
    throw new ConfigError('cli.log_format', `--log-format ${options.logFormat} is not supported; plan prints text`, { hint: 'leave --log-format out; artifacts in target/ (run_results.json, manifest.json) are the machine-readable output' });
  }
  return {
    overrides: {
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.targetPath !== undefined ? { targetPath: options.targetPath } : {}),
    },
    ...(options.partialParse === false ? { partialParse: false } : {}),
  };
}

/** Color for `stream`: --use-colors / --no-use-colors, else on a terminal only (and never with NO_COLOR). */
export function colorFor(options: ProjectOptions, stream: NodeJS.WritableStream): boolean {
  return options.useColors ?? shouldUseColor(stream);
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
