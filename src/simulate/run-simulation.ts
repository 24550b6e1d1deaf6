import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { loadTarget } from '../config/index.js';
import { hasErrors } from '../errors/diagnostic.js';
import { DiagnosticsError } from '../errors/plan-error.js';
import fs from 'node:fs';
import type { Engine, EngineOptions } from '../engine/types.js';
import { quoteIdent, relationSql } from '../manifest/types.js';
import { executeCommand, exitCodeOf } from '../pipeline/execute.js';
import { prepareProject, type PreparedProject } from '../pipeline/prepare.js';
import { PLAN_VERSION } from '../pipeline/version.js';
import { loadProject, type LoadProjectOptions } from '../project/index.js';
import { DEFAULT_SELECT } from '../select/index.js';
import type { LoadedProject } from '../project/types.js';
import { shouldUseColor } from '../report/console-reporter.js';
import { formatRowsTable } from '../report/table.js';
import { isRunnable } from '../run/types.js';
import { nodesToBuildAfter } from './carry-over.js';
import { YearProgressReporter } from './progress-reporter.js';
import { loadScenario } from './scenario.js';
import { yearsBuiltByBuilds } from './built-years.js';
import { SimulationArtifacts } from './simulation-artifacts.js';
import { SimulationState } from './simulation-state.js';
import { checkYearOrder, parseYears, yearsFromVars } from './years.js';
import { engineOptionsOf } from '../pipeline/engine-options.js';

export interface SimulateOptions {
  readonly projectDir: string;
  readonly profilesDir?: string;
  /** --profile, --target-path, --no-partial-parse. */
  readonly load?: LoadProjectOptions;
  /** Color the output (default: on a terminal only). */
  readonly color?: boolean;
  readonly target?: string;
  readonly cliVars: Readonly<Record<string, unknown>>;
  readonly scenario?: string;
  readonly years?: string;
  readonly resume: boolean;
  readonly dryRun: boolean;
  readonly threads?: number;
  readonly fullRefresh?: boolean;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  /** Opens the database; injected so this module does not load DuckDB itself. */
  readonly openEngine: (options: EngineOptions) => Promise<Engine>;
}

export interface SimulationOutcome {
  readonly exitCode: number;
  readonly completedYears: readonly number[];
  readonly runId: string;
}

/**
 * The year loop: the project is read from disk once; each year N is rendered with year=N and
 * built (seeds, models, tests) like `plan build --vars year=N`. A failed year stops the run and
 * leaves finished years intact; --resume continues after the last complete year.
 */
export async function runSimulation(options: SimulateOptions): Promise<SimulationOutcome> {
  const runId = randomUUID();
  const say = (text: string): void => void options.out.write(`${text}\n`);
  const projectDir = path.resolve(options.projectDir);
  const loaded = loadProject(projectDir, options.load);
  if (!loaded.value || hasErrors(loaded.diagnostics)) throw new DiagnosticsError(loaded.diagnostics);
  const project = loaded.value;
  const scenario = options.scenario ? loadScenario(projectDir, options.scenario) : undefined;
  const vars: Record<string, unknown> = { ...project.config.vars, ...(scenario?.vars ?? {}), ...options.cliVars };
  const scenarioId = String(vars.scenario_id ?? scenario?.name ?? 'default');
  let years = options.years ? parseYears(options.years) : yearsFromVars(vars);
  const startYear = Number(vars.start_year ?? years[0]);

  const targetResult = loadTarget({ projectDir, profilesDir: options.profilesDir, profileName: project.config.profile, target: options.target });
  if (!targetResult.value || hasErrors(targetResult.diagnostics)) throw new DiagnosticsError(targetResult.diagnostics);
  const target = targetResult.value;
  const threads = options.threads ?? target.threads;

  // Render once up front: a broken project fails before the database is touched.
  const firstRendered = years[0] ?? startYear;
  const first = prepareYear(project, options, vars, firstRendered);
  const fingerprint = fingerprintOf(vars, first);

  const engineOptions: EngineOptions = engineOptionsOf(target, threads, projectDir);
  const resumeFrom = (completed: readonly number[]): number[] | undefined => {
    const last = completed.at(-1);
    const remaining = last === undefined ? years : years.filter((y) => y > last);
    if (remaining.length === 0) say(`Scenario ${scenarioId}: every requested year is already complete (last: ${last}). Nothing to resume.`);
    return remaining.length === 0 ? undefined : remaining;
  };

  if (options.dryRun) {
    // A dry run never creates or changes the database: it reads what exists, read-only.
    const { completed, built } = await completedYearsReadOnly(options.openEngine, engineOptions, target.schema, scenarioId, first);
    if (options.resume) {
      const remaining = resumeFrom(completed);
      if (!remaining) return { exitCode: 0, completedYears: [], runId };
      years = remaining;
    }
    checkYearOrder(years, startYear, union(completed, built), scenarioId);
    printPlan(say, scenarioId, years, vars, first, completed);
    return { exitCode: 0, completedYears: [], runId };
  }

  // Without a database yet nothing is complete: refuse a bad year order before creating the file.
  if (target.path !== ':memory:' && !fs.existsSync(target.path)) checkYearOrder(years, startYear, [], scenarioId);
  const engine = await options.openEngine(engineOptions);
  const artifacts = new SimulationArtifacts(runId);
  try {
    const { completed, built } = await engine.withConnection(async (conn) => {
      const s = new SimulationState(conn, target.schema);
      await s.ensureTables();
      return { completed: await s.completedYears(scenarioId), built: await yearsBuiltByBuilds(conn, target.schema, scenarioId, first) };
    });
    if (options.resume) {
      const remaining = resumeFrom(completed);
      if (!remaining) return { exitCode: 0, completedYears: [], runId };
      years = remaining;
    }
    checkYearOrder(years, startYear, union(completed, built), scenarioId);

    await engine.withConnection((conn) =>
      new SimulationState(conn, target.schema).startRun({ runId, scenario: scenarioId, years, seed: vars.random_seed, fingerprint, toolVersion: PLAN_VERSION }),
    );
    say(`Simulating scenario ${scenarioId}, years ${years[0]}-${years.at(-1)} (run ${runId.slice(0, 8)})`);
    const done: number[] = [];
    const tty = Boolean((options.out as NodeJS.WriteStream).isTTY);
    const color = options.color ?? shouldUseColor(options.out);
    let previous: PreparedProject | undefined;
    let renderedAhead: Promise<YearRendering> | undefined;
    for (const [index, year] of years.entries()) {
      const t0 = performance.now();
      let outcome: Awaited<ReturnType<typeof executeCommand>>;
      let carried = 0;
      try {
        // --resume may have moved the first year past the one rendered up front.
        const prepared = year === firstRendered ? first : renderedAhead ? (await renderedAhead).start() : prepareYear(project, options, vars, year);
        // After the first year of this run, nodes whose definition and inputs did not change keep
        // last year's (identical) result instead of being rebuilt.
        const onlyNodes = previous ? nodesToBuildAfter(previous, prepared) : undefined;
        if (onlyNodes) carried = [...prepared.rendered.manifest.nodes.values()].filter((n) => isRunnable(n) && !onlyNodes.has(n.uniqueId)).length;
        previous = prepared;
        const args = { command: 'simulate', year, scenario: scenarioId };
        const execution = executeCommand({
          prepared,
          engine,
          command: 'build',
          // Every year builds the whole project: a default selector of selectors.yml does not apply.
          selection: { select: DEFAULT_SELECT },
          onlyNodes,
          flags: { threads, failFast: false, fullRefresh: Boolean(options.fullRefresh) && year === years[0], previewRows: 5, storeFailures: false, warnError: false },
          reporter: new YearProgressReporter(year, options.out, tty, color),
          invocationId: runId,
          args,
          writeArtifacts: false,
        });
        const nextYear = years[index + 1];
        renderedAhead = nextYear === undefined ? undefined : renderSoon(project, options, vars, nextYear);
        outcome = await execution;
        artifacts.record(prepared, outcome, args);
      } catch (error) {
        await engine.withConnection((conn) => new SimulationState(conn, target.schema).finishRun(runId, 'error', `year ${year} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`));
        say(`Year ${year} stopped (see below); ${done.length ? `completed in this run: ${done.join(', ')}` : 'no year was completed in this run'}.`);
        if (error instanceof DiagnosticsError && done.length > 0) throw new DiagnosticsError(error.diagnostics, error.exitCode, `year ${year} was not run`);
        throw error;
      }
      const code = exitCodeOf(outcome.results);
      const failed = outcome.results.filter((r) => r.status === 'error' || r.status === 'fail').length;
      if (code !== 0) {
        await engine.withConnection((conn) => new SimulationState(conn, target.schema).finishRun(runId, 'error', `year ${year} failed`));
        say(`Year ${year} failed (${failed} node${failed === 1 ? '' : 's'}); ${done.length ? `completed in this run: ${done.join(', ')}` : 'no year was completed in this run'}. Fix the problem and rerun with --resume.`);
        return { exitCode: code, completedYears: done, runId };
      }
      await engine.withConnection((conn) => new SimulationState(conn, target.schema).markYearComplete(scenarioId, year, runId, fingerprint));
      done.push(year);
      const unchanged = carried > 0 ? ` (${carried} unchanged since ${year - 1}, kept)` : '';
      say(`Year ${year} done: ${outcome.results.length} nodes in ${((performance.now() - t0) / 1000).toFixed(2)}s${unchanged}`);
    }
    await engine.withConnection((conn) => new SimulationState(conn, target.schema).finishRun(runId, 'success', `years ${years.join(', ')}`));
    await printSummary(say, engine, first, vars, scenarioId, years);
    return { exitCode: 0, completedYears: done, runId };
  } finally {
    try {
      artifacts.write();
    } finally {
      await engine.close();
    }
  }
}

/** Years simulated and years built by `plan build`, from an existing database opened read-only; none when there is no file yet. */
async function completedYearsReadOnly(
  open: SimulateOptions['openEngine'],
  engineOptions: EngineOptions,
  schema: string,
  scenarioId: string,
  prepared: PreparedProject,
): Promise<{ completed: number[]; built: number[] }> {
  if (engineOptions.path === ':memory:' || !fs.existsSync(engineOptions.path)) return { completed: [], built: [] };
  const engine = await open({ ...engineOptions, threads: 1, readOnly: true });
  try {
    return await engine.withConnection(async (conn) => {
      const state = new SimulationState(conn, schema);
      const completed = (await state.tablesExist()) ? await state.completedYears(scenarioId) : [];
      return { completed, built: await yearsBuiltByBuilds(conn, schema, scenarioId, prepared) };
    });
  } finally {
    await engine.close();
  }
}

function prepareYear(
  project: LoadedProject,
  options: SimulateOptions,
  vars: Readonly<Record<string, unknown>>,
  year: number,
  log: (message: string) => void = (message) => void options.err.write(`${message}\n`),
): PreparedProject {
  return prepareProject({
    projectDir: options.projectDir,
    project,
    profilesDir: options.profilesDir,
    target: options.target,
    cliVars: { ...vars, year },
    flags: { WHICH: 'simulate' },
    log,
  });
}

/** A year rendered ahead of time; start() hands over its project (or throws its rendering error) when the year begins. */
interface YearRendering {
  start(): PreparedProject;
}

/**
 * Renders year N+1 while year N runs: the main thread mostly waits for DuckDB then, whereas between
 * two years nothing else would run (~30 ms a year). setImmediate lets year N send its first
 * statements first. As if the year were rendered when it starts, its error is raised then and its
 * log() lines are held until then (later ones, from compiling its nodes, print as they come).
 */
function renderSoon(project: LoadedProject, options: SimulateOptions, vars: Readonly<Record<string, unknown>>, year: number): Promise<YearRendering> {
  const held: string[] = [];
  let started = false;
  const log = (message: string): void => void (started ? options.err.write(`${message}\n`) : held.push(message));
  const start = (result: () => PreparedProject) => (): PreparedProject => {
    started = true;
    for (const message of held.splice(0)) options.err.write(`${message}\n`);
    return result();
  };
  return new Promise((resolve) =>
    setImmediate(() => {
      try {
        const prepared = prepareYear(project, options, vars, year, log);
        resolve({ start: start(() => prepared) });
      } catch (error) {
        resolve({
          start: start(() => {
            throw error;
          }),
        });
      }
    }),
  );
}

/** A short hash of the vars and every node's code: two runs with the same fingerprint computed the same thing. */
function fingerprintOf(vars: Readonly<Record<string, unknown>>, prepared: PreparedProject): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(Object.entries(vars).sort(([a], [b]) => a.localeCompare(b))));
  for (const node of [...prepared.rendered.manifest.nodes.values()].sort((a, b) => a.uniqueId.localeCompare(b.uniqueId))) {
    if ('checksum' in node) hash.update(`${node.uniqueId}:${node.checksum}`);
  }
  return hash.digest('hex').slice(0, 16);
}

function printPlan(say: (t: string) => void, scenarioId: string, years: readonly number[], vars: Readonly<Record<string, unknown>>, prepared: PreparedProject, completed: readonly number[]): void {
  const nodes = [...prepared.rendered.manifest.nodes.values()].filter((n) => n.resourceType !== 'source');
  const count = (t: string): number => nodes.filter((n) => n.resourceType === t).length;
  say(`Dry run: scenario ${scenarioId}`);
  say(`  years: ${years.join(', ')}${completed.length ? ` (already complete: ${completed.join(', ')})` : ''}`);
  say(`  each year builds ${count('seed')} seeds, ${count('model')} models, ${count('test')} data tests, ${count('unit_test')} unit tests`);
  say('  vars:');
  for (const [k, v] of Object.entries(vars).sort(([a], [b]) => a.localeCompare(b))) say(`    ${k}: ${JSON.stringify(v)}`);
  say('Nothing was run.');
}

async function printSummary(say: (t: string) => void, engine: Engine, prepared: PreparedProject, vars: Readonly<Record<string, unknown>>, scenarioId: string, years: readonly number[]): Promise<void> {
  const name = String(vars.simulation_summary_model ?? 'mart_workforce_summary');
  const node = [...prepared.rendered.manifest.nodes.values()].find((n) => n.resourceType === 'model' && n.name === name);
  if (!node || node.resourceType !== 'model') return;
  const rows = await engine.withConnection(async (conn) => {
    const columns = (await conn.describeRelation(node.relation.database, node.relation.schema, node.relation.identifier)).map((c) => c.name);
    const filters: string[] = [];
    if (columns.includes('scenario_id')) filters.push(`scenario_id = '${scenarioId.replaceAll("'", "''")}'`);
    if (columns.includes('simulation_year')) filters.push(`simulation_year between ${years[0]} and ${years.at(-1)}`);
    const order = columns.includes('simulation_year') ? ` order by ${quoteIdent('simulation_year')}` : '';
    return conn.query(`select * from ${relationSql(node.relation)}${filters.length ? ` where ${filters.join(' and ')}` : ''}${order}`);
  });
  say('');
  say(`Summary (${name}, scenario ${scenarioId}):`);
  say(formatSummary(rows.rows, rows.columns.map((c) => c.name)));
}

/** One row per metric and one column per year: a yearly summary has more metrics than fit across a terminal. */
export function formatSummary(rows: readonly Readonly<Record<string, unknown>>[], columns: readonly string[]): string {
  if (!columns.includes('simulation_year') || rows.length === 0) return formatRowsTable(rows, columns);
  const metrics = columns.filter((c) => c !== 'simulation_year' && c !== 'scenario_id');
  const years = rows.map((r) => String(r.simulation_year));
  const transposed = metrics.map((metric) => Object.fromEntries([['metric', metric], ...rows.map((r, i) => [years[i], r[metric]])]));
  return formatRowsTable(transposed, ['metric', ...years]);
}


function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}
