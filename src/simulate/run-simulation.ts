import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { loadTarget } from '../config/index.js';
import { errorDiagnostic, hasErrors } from '../errors/diagnostic.js';
import { DiagnosticsError } from '../errors/plan-error.js';
import type { Engine } from '../engine/types.js';
import { quoteIdent, relationSql } from '../manifest/types.js';
import { executeCommand, exitCodeOf } from '../pipeline/execute.js';
import { prepareProject, type PreparedProject } from '../pipeline/prepare.js';
import { PLAN_VERSION } from '../pipeline/version.js';
import { loadProject } from '../project/index.js';
import type { LoadedProject } from '../project/types.js';
import { shouldUseColor } from '../report/console-reporter.js';
import { formatRowsTable } from '../report/table.js';
import { YearProgressReporter } from './progress-reporter.js';
import { loadScenario } from './scenario.js';
import { SimulationState } from './simulation-state.js';
import { parseYears, yearsFromVars } from './years.js';

export interface SimulateOptions {
  readonly projectDir: string;
  readonly profilesDir?: string;
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
  readonly openEngine: (options: { path: string; threads: number; settings: Readonly<Record<string, string | number | boolean>>; extensions: readonly string[] }) => Promise<Engine>;
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
  const loaded = loadProject(projectDir);
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
  const first = prepareYear(project, options, vars, years[0] ?? startYear);
  const fingerprint = fingerprintOf(vars, first);

  const engine = await options.openEngine({ path: target.path, threads, settings: target.settings, extensions: target.extensions });
  try {
    const state = await engine.withConnection(async (conn) => {
      const s = new SimulationState(conn, target.schema);
      await s.ensureTables();
      return { completed: await s.completedYears(scenarioId) };
    });
    if (options.resume) {
      const last = state.completed.at(-1);
      if (last !== undefined) years = years.filter((y) => y > last);
      if (years.length === 0) {
        say(`Scenario ${scenarioId}: every requested year is already complete (last: ${last}). Nothing to resume.`);
        return { exitCode: 0, completedYears: [], runId };
      }
    }
    const firstYear = years[0];
    if (firstYear > startYear && !state.completed.includes(firstYear - 1)) {
      throw new DiagnosticsError([
        errorDiagnostic('simulate.missing_year', `year ${firstYear} needs year ${firstYear - 1} of scenario '${scenarioId}', which has not been simulated`, {
          hint: `simulate from ${startYear} (--years ${startYear}-${years.at(-1)}) or run --years ${firstYear - 1} first`,
        }),
      ]);
    }
    if (options.dryRun) {
      printPlan(say, scenarioId, years, vars, first, state.completed);
      return { exitCode: 0, completedYears: [], runId };
    }

    await engine.withConnection((conn) =>
      new SimulationState(conn, target.schema).startRun({ runId, scenario: scenarioId, years, seed: vars.random_seed, fingerprint, toolVersion: PLAN_VERSION }),
    );
    say(`Simulating scenario ${scenarioId}, years ${years[0]}-${years.at(-1)} (run ${runId.slice(0, 8)})`);
    const done: number[] = [];
    const tty = Boolean((options.out as NodeJS.WriteStream).isTTY);
    const color = shouldUseColor(options.out);
    for (const year of years) {
      const t0 = performance.now();
      const prepared = year === years[0] ? first : prepareYear(project, options, vars, year);
      const outcome = await executeCommand({
        prepared,
        engine,
        command: 'build',
        selection: {},
        flags: { threads, failFast: false, fullRefresh: Boolean(options.fullRefresh) && year === years[0], previewRows: 5, storeFailures: false, warnError: false },
        reporter: new YearProgressReporter(year, options.out, tty, color),
        invocationId: runId,
        args: { command: 'simulate', year, scenario: scenarioId },
      });
      const code = exitCodeOf(outcome.results);
      const failed = outcome.results.filter((r) => r.status === 'error' || r.status === 'fail').length;
      if (code !== 0) {
        await engine.withConnection((conn) => new SimulationState(conn, target.schema).finishRun(runId, 'error', `year ${year} failed`));
        say(`Year ${year} failed (${failed} node${failed === 1 ? '' : 's'}); years ${done.length ? done.join(', ') : 'none'} are complete. Fix the problem and rerun with --resume.`);
        return { exitCode: code, completedYears: done, runId };
      }
      await engine.withConnection((conn) => new SimulationState(conn, target.schema).markYearComplete(scenarioId, year, runId, fingerprint));
      done.push(year);
      say(`Year ${year} done: ${outcome.results.length} nodes in ${((performance.now() - t0) / 1000).toFixed(2)}s`);
    }
    await engine.withConnection((conn) => new SimulationState(conn, target.schema).finishRun(runId, 'success', `years ${years.join(', ')}`));
    await printSummary(say, engine, first, vars, scenarioId, years);
    return { exitCode: 0, completedYears: done, runId };
  } finally {
    await engine.close();
  }
}

function prepareYear(project: LoadedProject, options: SimulateOptions, vars: Readonly<Record<string, unknown>>, year: number): PreparedProject {
  return prepareProject({
    projectDir: options.projectDir,
    project,
    profilesDir: options.profilesDir,
    target: options.target,
    cliVars: { ...vars, year },
    flags: { WHICH: 'simulate' },
    log: (message) => void options.err.write(`${message}\n`),
  });
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
  say(formatRowsTable(rows.rows, rows.columns.map((c) => c.name)));
}

