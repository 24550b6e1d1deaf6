import { Command, CommanderError, Option } from 'commander';
import { EXIT_INVALID } from '../errors/plan-error.js';
import { PLAN_VERSION } from '../pipeline/version.js';
import { addProjectOptions, addSelectionOptions, parseLimit, parseThreads } from './common-options.js';
import { reportError } from './report-error.js';
import type { CliIO } from './io.js';

type Action = (options: Record<string, unknown>) => Promise<number>;

/**
 * The programmatic entry point the CLI wraps: parse args, run one command, return its exit code.
 * Command modules are imported lazily so that compile/ls never load DuckDB.
 */
export async function invoke(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  let debug = argv.includes('--debug');
  const program = new Command('plan')
    .description('Build a project of SQL models into a DuckDB database, the way dbt does.')
    .version(PLAN_VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const define = (command: Command, action: Action): Command =>
    command.exitOverride().action(async (options: Record<string, unknown>) => {
      debug = Boolean(options.debug);
      exitCode = await action(options);
    });

  const runLike = (name: 'build' | 'run' | 'seed' | 'snapshot' | 'test', description: string): void => {
    const command = addSelectionOptions(addProjectOptions(program.command(name).description(description)))
      .option('--threads <n>', 'nodes to run at once (default: the profile\'s threads)', parseThreads)
      .option('--full-refresh', 'rebuild incremental models and reload seeds from scratch')
      .option('-x, --fail-fast', 'stop at the first failure')
      .option('--store-failures', 'keep failing test rows in tables')
      .option('--warn-error', 'treat warnings as errors')
      .option('--preview <n>', 'failing rows shown per test', parseLimit)
      .option('--resource-type <type...>', 'only nodes of these types (model, seed, snapshot, test, unit_test)')
      .option('--exclude-resource-type <type...>', 'leave out nodes of these types');
    if (name === 'build' || name === 'run') command.option('--empty', 'build models from refs and sources that read no rows (schema only, as dbt --empty)');
    define(command, async (o) => (await import('./commands/run-command.js')).runCommand(name, o, io));
  };
  runLike('build', 'load seeds, build models and snapshots and run their tests, in DAG order');
  runLike('run', 'build the selected models');
  runLike('seed', 'load CSV seeds into tables');
  runLike('snapshot', 'record changes of snapshot queries in their history tables (dbt snapshots)');
  runLike('test', 'run data tests and unit tests');

  define(
    addSelectionOptions(addProjectOptions(program.command('compile').description('render models, snapshots and tests to SQL under target/compiled (builds nothing)'))).option('--inline <sql>', 'compile this SQL instead of project nodes'),
    async (o) => (await import('./commands/compile-command.js')).compileCommand(o, io),
  );
  define(addProjectOptions(program.command('parse').description('read and render the project and write target/manifest.json (no database)')), async (o) =>
    (await import('./commands/parse-command.js')).parseCommand(o, io),
  );
  define(
    addSelectionOptions(addProjectOptions(program.command('ls').alias('list').description('list project nodes (no database)')))
      .option('--resource-type <type...>', 'only these resource types (model, seed, snapshot, test, source, unit_test)')
      .option('--exclude-resource-type <type...>', 'leave out these resource types')
      .addOption(new Option('--output <format>', 'output format').choices(['selector', 'name', 'path', 'json']).default('selector'))
      .option('--output-keys <key...>', 'keys to include with --output json'),
    async (o) => (await import('./commands/ls-command.js')).lsCommand(o, io),
  );
  define(
    addProjectOptions(program.command('show').description('preview the rows of a model or an inline query'))
      .option('-s, --select <model...>', 'the model to preview')
      .option('--inline <sql>', 'SQL to run (may use ref() and other Jinja)')
      .option('--limit <n>', 'rows to show (-1: all)', parseLimit, 5)
      .addOption(new Option('--output <format>', 'output format').choices(['table', 'json']).default('table')),
    async (o) => (await import('./commands/show-command.js')).showCommand(o as never, io),
  );
  define(addSelectionOptions(addProjectOptions(program.command('docs').description('documentation artifacts').command('generate').description('write manifest.json, the compiled SQL and catalog.json (columns and types of the built relations), as dbt docs generate'))), async (o) =>
    (await import('./commands/docs-command.js')).docsGenerateCommand(o, io),
  );
  define(addSelectionOptions(addProjectOptions(program.command('source').description('commands on sources').command('freshness').description('check how recently each source was loaded (dbt source freshness)'))), async (o) =>
    (await import('./commands/source-freshness-command.js')).sourceFreshnessCommand(o, io),
  );
  define(addProjectOptions(program.command('retry').description('run the failed, errored and skipped nodes of the last build/run/seed/snapshot/test again')).option('--threads <n>', 'nodes to run at once', parseThreads), async (o) =>
    (await import('./commands/retry-command.js')).retryCommand(o, io),
  );
  addProjectOptions(program.command('run-operation').argument('<macro>', 'the macro to run (or package.macro)').description('run a macro against the database (dbt run-operation)'))
    .option('--args <yaml>', "the macro's keyword arguments, a YAML or JSON mapping")
    .exitOverride()
    .action(async (macro: string, options: Record<string, unknown>) => {
      debug = Boolean(options.debug);
      exitCode = await (await import('./commands/run-operation-command.js')).runOperationCommand(macro, options, io);
    });
  define(addProjectOptions(program.command('clean').description('delete the target folder (clean-targets)')), async (o) =>
    (await import('./commands/clean-command.js')).cleanCommand(o, io),
  );
  define(addProjectOptions(program.command('debug').description('show the project and profile in use and test the database connection')), async (o) =>
    (await import('./commands/debug-command.js')).debugCommand(o, io),
  );
  for (const extra of await loadExtraCommands()) extra(program, define, io);

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_INVALID;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return EXIT_INVALID;
    }
    return reportError(error, io, debug);
  }
}

export type CommandRegistrar = (program: Command, define: (command: Command, action: Action) => Command, io: CliIO) => void;

/** Commands that live in their own folders (check, simulate, watch) register themselves here. */
async function loadExtraCommands(): Promise<CommandRegistrar[]> {
  const registrars: { register: CommandRegistrar }[] = await Promise.all([
    import('./commands/check-registrar.js'),
    import('./commands/simulate-registrar.js'),
    import('./commands/watch-registrar.js'),
  ]);
  return registrars.map((m) => m.register);
}
