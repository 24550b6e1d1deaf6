import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { openEngine, startDatabaseInstance } from '../../engine/index.js';
import { executeCommand, exitCodeOf } from '../../pipeline/execute.js';
import { prepareForCommand } from '../prepare-for-command.js';
import { ConsoleReporter } from '../../report/console-reporter.js';
import { selectNodes } from '../../select/index.js';
import { filterByResourceType, selectionSpecOf } from '../../pipeline/selection.js';
import { cliVarsOf, colorFor, previousStateOf, type ProjectOptions, type SelectionOptions } from '../common-options.js';
import type { CliIO } from '../io.js';
import { engineOptionsOf } from '../../pipeline/engine-options.js';
import type { Engine, EngineOptions } from '../../engine/types.js';

export interface RunCommandOptions extends ProjectOptions, SelectionOptions {
  readonly threads?: number;
  readonly fullRefresh?: boolean;
  readonly failFast?: boolean;
  readonly storeFailures?: boolean;
  readonly warnError?: boolean;
  readonly preview?: number;
  readonly resourceType?: string[];
  readonly excludeResourceType?: string[];
  /** --empty: refs and sources read no rows (dbt 1.8). */
  readonly empty?: boolean;
}

/** plan build | run | seed | snapshot | test: prepare, open the database, execute, report. */
export async function runCommand(command: 'build' | 'run' | 'seed' | 'snapshot' | 'test', options: RunCommandOptions, io: CliIO, onlyNodes?: ReadonlySet<string>): Promise<number> {
  const invocationId = randomUUID();
  startDatabaseInstance(); // DuckDB starts up while the project is read and rendered
  const reporter = new ConsoleReporter({ out: io.stdout, color: colorFor(options, io.stdout), quiet: Boolean(options.quiet) });
  const prepared = prepareForCommand(options, io, command, { invocationId, flags: { FULL_REFRESH: Boolean(options.fullRefresh), STORE_FAILURES: Boolean(options.storeFailures), EMPTY: Boolean(options.empty) }, logTo: io.stdout, printWarnings: false });
  if (prepared.warnings.length > 0) reporter.emit({ type: 'diagnostics', diagnostics: prepared.warnings });
  const threads = options.threads ?? prepared.target.threads;
  // Unit tests alone never touch the project's database: they run in memory (issue 3, section 4).
  const previous = previousStateOf(options, io.cwd);
  const selection = { select: options.select, exclude: options.exclude, selector: options.selector, resourceTypes: options.resourceType, excludeResourceTypes: options.excludeResourceType };
  const selected =
    command === 'test' || command === 'build'
      ? filterByResourceType(selectNodes(prepared.rendered.manifest, prepared.dag, selectionSpecOf(prepared, selection), { indirectSelection: options.indirectSelection, previous }), prepared.rendered.manifest, selection)
      : undefined;
  const unitTestsOnly = selected !== undefined && selected.size > 0 && [...selected].every((id) => prepared.rendered.manifest.nodes.get(id)?.resourceType === 'unit_test');
  // Its file is attached read-only under its own name, so fixtures get the columns of the
  // relations they stand for, as in dbt.
  const database = engineOptionsOf(prepared.target, threads, prepared.project.root);
  const engine = unitTestsOnly ? await openForUnitTests(database, prepared.target.database) : await openEngine(database);
  try {
    const outcome = await executeCommand({
      prepared,
      engine,
      command,
      selection: { ...selection, indirectSelection: options.indirectSelection, previous },
      ...(onlyNodes ? { onlyNodes } : {}),
      flags: {
        threads,
        failFast: Boolean(options.failFast),
        fullRefresh: Boolean(options.fullRefresh),
        previewRows: options.preview ?? 5,
        storeFailures: Boolean(options.storeFailures),
        warnError: Boolean(options.warnError),
      },
      reporter,
      invocationId,
      args: { command, select: options.select ?? null, exclude: options.exclude ?? null, selector: options.selector ?? null, vars: cliVarsOf(options), full_refresh: Boolean(options.fullRefresh) },
    });
    return exitCodeOf(outcome.results);
  } finally {
    await engine.close();
  }
}

/** An in-memory database with the project's file attached read-only (when it exists and is free), else empty. */
async function openForUnitTests(options: EngineOptions, databaseName: string): Promise<Engine> {
  const memory: EngineOptions = { path: ':memory:', threads: options.threads };
  if (options.path === ':memory:' || !fs.existsSync(options.path)) return openEngine(memory);
  try {
    return await openEngine({ ...memory, attach: [{ path: options.path, alias: databaseName, readOnly: true }] });
  } catch {
    // e.g. another process holds the file: the fixtures then need every column the model reads.
    return openEngine(memory);
  }
}
