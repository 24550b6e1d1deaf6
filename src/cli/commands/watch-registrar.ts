import { ConfigError } from '../../errors/plan-error.js';
import type { CommandRegistrar } from '../invoke.js';
import { addProjectOptions, addSelectionOptions, cliVarsOf, colorFor, loadOptionsOf, parseThreads, previousStateOf, projectDirOf, type ProjectOptions, type SelectionOptions } from '../common-options.js';

/** plan watch [--select ...] [--vars ...] [--preview N | --no-preview] [--debounce MS] */
export const register: CommandRegistrar = (program, define, io) => {
  define(
    addSelectionOptions(addProjectOptions(program.command('watch').description('build the selection, then rebuild and test what each saved file changes')))
      .option('--threads <n>', 'nodes to run at once (default: the profile\'s threads)', parseThreads)
      .option('--preview <n>', 'rows of the saved model to show after a rebuild', parseRows, 5)
      .option('--no-preview', 'do not show rows of the saved model')
      .option('--debounce <ms>', 'quiet time after the last save before rebuilding (default: 30)', parseMs),
    async (o) => {
      const [{ runWatch, DEFAULT_DEBOUNCE_MS }, { openEngine }] = await Promise.all([import('../../watch/run-watch.js'), import('../../engine/index.js')]);
      const options = o as ProjectOptions & SelectionOptions & { threads?: number; preview?: number | false; debounce?: number };
      return runWatch({
        projectDir: projectDirOf(options, io.cwd),
        profilesDir: options.profilesDir,
        load: loadOptionsOf(options),
        target: options.target,
        cliVars: cliVarsOf(options),
        selection: { select: options.select, exclude: options.exclude, selector: options.selector, indirectSelection: options.indirectSelection, previous: previousStateOf(options, io.cwd) },
        threads: options.threads,
        previewRows: options.preview === false ? 0 : (options.preview ?? 5),
        debounceMs: options.debounce ?? DEFAULT_DEBOUNCE_MS,
        showTimings: Boolean(options.debug) || process.env.PLAN_WATCH_TIMINGS === '1',
        out: io.stdout,
        color: colorFor(options, io.stdout),
        debug: Boolean(options.debug),
        openEngine,
      });
    },
  );
};

function parseRows(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError('cli.preview', `--preview must be a whole number of rows (0 or more), got '${value}'`, { hint: 'use --no-preview to turn previews off' });
  return n;
}

function parseMs(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError('cli.debounce', `--debounce must be a number of milliseconds (0 or more), got '${value}'`);
  return n;
}
