import { compiledPathOf, targetDirOf } from '../artifacts/artifact-paths.js';
import { manifestJson, type ArtifactMetadata } from '../artifacts/manifest-json.js';
import { runResultsJson } from '../artifacts/run-results-json.js';
import { writeCompiledSql, writeJsonArtifact } from '../artifacts/write-artifacts.js';
import { openEngine } from '../engine/index.js';
import { ensureSchema } from '../materialize/relation-ops.js';
import type { Engine } from '../engine/types.js';
import { buildPlan, type CommandKind } from '../plan/build-plan.js';
import type { Reporter } from '../report/events.js';
import type { RunFlags } from '../run/run-context.js';
import { runNodes } from '../run/run-nodes.js';
import type { NodeResult } from '../run/types.js';
import { selectNodes, type IndirectSelection } from '../select/index.js';
import type { PreviousState } from '../select/state-manifest.js';
import type { PreparedProject } from './prepare.js';
import { filterByResourceType, selectionSpecOf, yamlSelectorsOf, type SelectionFlags } from './selection.js';
import { compileRunHooks, runEndContext, runRunHooks } from './run-hooks.js';
import { PLAN_VERSION } from './version.js';

export interface SelectionArgs extends SelectionFlags {
  readonly indirectSelection?: IndirectSelection;
  /** An earlier run (`--state`), for `state:` and `result:` selectors. */
  readonly previous?: PreviousState;
}

export interface ExecuteArgs {
  readonly prepared: PreparedProject;
  readonly engine: Engine;
  readonly command: Exclude<CommandKind, 'compile'>;
  readonly selection: SelectionArgs;
  readonly flags: RunFlags;
  readonly reporter: Reporter;
  readonly invocationId: string;
  /** Write manifest.json, run_results.json and compiled SQL (off for benchmarks of the core). */
  readonly writeArtifacts?: boolean;
  /** Arguments recorded in run_results.json. */
  readonly args?: Readonly<Record<string, unknown>>;
  /** Run only these of the selected nodes (watch rebuilds what changed and its downstream). */
  readonly onlyNodes?: ReadonlySet<string>;
}

export interface ExecuteOutcome {
  readonly results: readonly NodeResult[];
  readonly elapsedSeconds: number;
  readonly selected: ReadonlySet<string>;
}

/** select -> plan -> on-run-start -> run -> on-run-end -> artifacts. */
export async function executeCommand(args: ExecuteArgs): Promise<ExecuteOutcome> {
  const { prepared, engine } = args;
  const { manifest, compiler } = prepared.rendered;
  const started = performance.now();
  const spec = selectionSpecOf(prepared, args.selection);
  const matched = filterByResourceType(selectNodes(manifest, prepared.dag, spec, { indirectSelection: args.selection.indirectSelection, previous: args.selection.previous }), manifest, args.selection);
  const only = args.onlyNodes;
  const selected = only ? new Set([...matched].filter((id) => only.has(id))) : matched;
  const plan = buildPlan(manifest, prepared.dag, selected, args.command);

  const hooksFile = prepared.project.config.configFile;
  const startHooks = compileRunHooks(prepared, 'on-run-start');
  const endHooks = compileRunHooks(prepared, 'on-run-end');
  // Once per connection, like a model's schema: each year of `plan simulate` is a command of its own.
  await engine.withConnection((conn) => ensureSchema(conn, { database: engine.database, schema: prepared.target.schema }));
  await runRunHooks(engine, startHooks, hooksFile, compiler);
  let memory: Promise<Engine> | undefined;
  const unitTestEngine = (): Promise<Engine> => (memory ??= openEngine({ path: ':memory:', threads: 1 }));
  let results: NodeResult[];
  try {
    results = await runNodes(
      { manifest, compiler, engine, target: prepared.target, projectDir: prepared.project.root, reporter: args.reporter, flags: args.flags, vars: prepared.vars, invocationId: args.invocationId, unitTestEngine },
      plan.graph,
      args.command,
    );
  } finally {
    if (memory) await (await memory).close();
  }
  let endHookError: unknown;
  await runRunHooks(engine, endHooks, hooksFile, compiler, runEndContext(manifest, results)).catch((error: unknown) => (endHookError = error));
  const elapsedSeconds = (performance.now() - started) / 1000;

  if (args.writeArtifacts !== false) writeRunArtifacts(prepared, results, elapsedSeconds, args.invocationId, args.args ?? { command: args.command });
  // The artifacts of the nodes that ran are written before a failed on-run-end hook is reported.
  if (endHookError !== undefined) throw endHookError;
  return { results, elapsedSeconds, selected };
}

/** A compiled SQL file under target/compiled: the node's path there and its SQL. */
export interface CompiledSqlFile {
  readonly relativePath: string;
  readonly sql: string;
}

/** The compiled SQL of the nodes that ran. */
export function compiledSqlOf(prepared: PreparedProject, results: readonly NodeResult[]): CompiledSqlFile[] {
  const { manifest } = prepared.rendered;
  const files: CompiledSqlFile[] = [];
  for (const r of results) {
    const node = manifest.nodes.get(r.uniqueId);
    if (node && r.compiledSql) files.push({ relativePath: compiledPathOf(node), sql: r.compiledSql });
  }
  return files;
}

/** manifest.json, run_results.json (the nodes that ran) and the compiled SQL (by default, of the nodes that ran). */
export function writeRunArtifacts(
  prepared: PreparedProject,
  results: readonly NodeResult[],
  elapsedSeconds: number,
  invocationId: string,
  invocationArgs: Readonly<Record<string, unknown>>,
  compiled: Iterable<CompiledSqlFile> = compiledSqlOf(prepared, results),
): void {
  const { manifest } = prepared.rendered;
  const targetDir = targetDirOf(prepared.project);
  const meta: ArtifactMetadata = { invocationId, generatedAt: new Date(), planVersion: PLAN_VERSION };
  writeJsonArtifact(targetDir, 'manifest.json', manifestJson(manifest, prepared.dag, meta, yamlSelectorsOf(prepared.project)?.raw));
  writeJsonArtifact(targetDir, 'run_results.json', runResultsJson(results, elapsedSeconds, meta, invocationArgs));
  for (const file of compiled) writeCompiledSql(targetDir, manifest.projectName, file.relativePath, file.sql);
}

/** Exit code for a finished run: 1 when any node errored or a test failed at error severity. */
export function exitCodeOf(results: readonly NodeResult[]): number {
  return results.some((r) => r.status === 'error' || r.status === 'fail') ? 1 : 0;
}
