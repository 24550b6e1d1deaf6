import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Engine, EngineOptions } from '../engine/types.js';
import { hasErrors, type Diagnostic } from '../errors/diagnostic.js';
import { DiagnosticsError, PlanError } from '../errors/plan-error.js';
import type { ModelNode } from '../manifest/types.js';
import { executeCommand, writeRunArtifacts, type SelectionArgs } from '../pipeline/execute.js';
import { prepareProject, type PreparedProject } from '../pipeline/prepare.js';
import { sha256, type LoadProjectOptions } from '../project/index.js';
import type { LoadedProject } from '../project/types.js';
import { ConsoleReporter } from '../report/console-reporter.js';
import type { Reporter } from '../report/events.js';
import type { NodeResult } from '../run/types.js';
import { parseSelectors, selectNodes } from '../select/index.js';
import { selectionSpecOf } from '../pipeline/selection.js';
import { compiledChanges } from '../plan/compiled-diff.js';
import { diffManifests } from './manifest-diff.js';
import { previewModel, type ModelPreview } from './model-preview.js';
import type { ChangeBatch } from './rebuild-queue.js';
import { nodesToRebuild } from '../plan/rebuild-set.js';
import { rebuildTimings } from './rebuild-timings.js';
import { refreshProject, type RefreshedProject } from './refresh-project.js';
import type { WatchPrinter } from './watch-printer.js';
import { engineOptionsOf } from '../pipeline/engine-options.js';

export interface WatchSessionOptions {
  readonly projectDir: string;
  readonly profilesDir?: string;
  /** --profile, --target-path, --no-partial-parse. */
  readonly load?: LoadProjectOptions;
  readonly target?: string;
  readonly cliVars: Readonly<Record<string, unknown>>;
  readonly selection: SelectionArgs;
  readonly threads?: number;
  /** Rows of the saved model to show; 0 for none. */
  readonly previewRows: number;
  /** Print `timing: event->exec=..ms overhead=..ms ...` after each rebuild. */
  readonly showTimings: boolean;
  readonly out: NodeJS.WritableStream;
  readonly color: boolean;
  readonly printer: WatchPrinter;
  readonly openEngine: (options: EngineOptions) => Promise<Engine>;
}

/** Models whose row count and first rows are shown after a rebuild, at most. */
const MAX_PREVIEWS = 3;

/**
 * One watch session's state between rebuilds: the engine (opened once), the last project read, the
 * last project that rendered cleanly (the baseline the next change is diffed against), and what is
 * broken. `rebuild` never throws for a user's mistake: it prints it and waits for the next save.
 */
export class WatchSession {
  #engine: Engine | undefined;
  #project: LoadedProject | undefined;
  #prepared: PreparedProject | undefined;
  /** Nodes that errored, failed or were skipped last time, with their names. */
  readonly #failing = new Map<string, { readonly name: string; readonly status: NodeResult['status'] }>();
  /** Files that had error diagnostics in the last attempt. */
  #brokenFiles = new Set<string>();
  readonly #root: string;

  constructor(private readonly options: WatchSessionOptions) {
    this.#root = path.resolve(options.projectDir);
    // Bad --select syntax fails before the first build; names of selectors.yml are checked with the project.
    parseSelectors(options.selection.select, options.selection.exclude, () => parseSelectors(undefined, undefined));
  }

  get root(): string {
    return this.#root;
  }

  /** The last project read (its config says which folders to watch). */
  get project(): LoadedProject | undefined {
    return this.#project;
  }

  /** Whether `absPath` still holds what the last load of the project read (false for files it does not track). */
  readsSameContents(absPath: string): boolean {
    const project = this.#project;
    if (!project) return false;
    const file = [...project.models, ...project.seeds, ...project.macros, ...project.singularTests, ...project.genericTestFiles].find((f) => f.absPath === absPath);
    if (!file) return false;
    try {
      return sha256(fs.readFileSync(absPath, 'utf8')) === file.checksum;
    } catch {
      return false;
    }
  }

  get profilesFile(): string | undefined {
    return this.#prepared?.target.profilesFile;
  }

  /** Build once (no batch) or after a batch of file changes. */
  async rebuild(batch?: ChangeBatch): Promise<void> {
    const { printer } = this.options;
    const startedAt = performance.now();
    const refreshed = refreshProject(this.#root, this.#project, batch?.changes ?? new Map(), this.options.load);
    const readAt = performance.now();
    if (batch) printer.changed([...refreshed.kinds.keys()]);
    else printer.initial();
    if (refreshed.value) this.#project = refreshed.value;

    const prepared = this.#prepare(refreshed);
    if (!prepared) return;
    const renderedAt = performance.now();
    if (this.#brokenFiles.size > 0) printer.fixed([...this.#brokenFiles].sort());
    this.#brokenFiles = new Set();

    const engine = await this.#engineFor(prepared, batch === undefined);
    if (!engine) return;
    const previous = this.#prepared;
    const selected = selectNodes(prepared.rendered.manifest, prepared.dag, selectionSpecOf(prepared, this.options.selection), {
      indirectSelection: this.options.selection.indirectSelection,
      previous: this.options.selection.previous,
    });
    const fullBuild = previous === undefined;
    const only = fullBuild ? undefined : this.#nodesToRebuild(previous, prepared, refreshed, selected);
    const preparedAt = performance.now();
    if (only && only.size === 0) {
      this.#prepared = prepared;
      printer.nothingToRebuild();
      return;
    }

    let execStartedAt = preparedAt;
    let execSeconds = 0;
    const nodeLines = new ConsoleReporter({ out: this.options.out, color: this.options.color, compact: true, prefix: '  ' });
    const reporter: Reporter = {
      emit: (event) => {
        if (event.type === 'run_start') execStartedAt = performance.now();
        if (event.type === 'run_finish') execSeconds = event.elapsedSeconds;
        nodeLines.emit(event);
      },
    };
    const threads = this.options.threads ?? prepared.target.threads;
    let results: readonly NodeResult[];
    const invocationId = randomUUID();
    try {
      const outcome = await executeCommand({
        prepared,
        engine,
        command: 'build',
        selection: this.options.selection,
        flags: { threads, failFast: false, fullRefresh: false, previewRows: 5, storeFailures: false, warnError: false },
        reporter,
        invocationId,
        // A rebuild writes its artifacts after its timing line (below), off the save-to-result path.
        writeArtifacts: fullBuild,
        onlyNodes: only,
      });
      results = outcome.results;
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      printer.diagnostics([error.toDiagnostic()]);
      return;
    }
    this.#prepared = prepared;
    const fixed = this.#recordOutcomes(results, prepared);
    printer.summary(results, execSeconds);
    printer.fixed(fixed);

    const previewStarted = performance.now();
    if (batch) for (const p of await this.#previews(prepared, refreshed, results)) printer.preview(p);
    const previewMs = performance.now() - previewStarted;
    if (batch && this.options.showTimings) {
      printer.timings(rebuildTimings({ firstEventAt: batch.firstEventAt, startedAt, readAt, renderedAt, preparedAt, execStartedAt, execSeconds, previewMs, finishedAt: performance.now() }));
    }
    // Like any dbt invocation, run_results.json then holds the nodes this rebuild ran.
    if (!fullBuild) writeRunArtifacts(prepared, results, execSeconds, invocationId, { command: 'build' });
  }

  async close(): Promise<void> {
    const engine = this.#engine;
    this.#engine = undefined;
    await engine?.close();
  }

  /** Render and graph the refreshed project; a user's mistake is printed and gives undefined. */
  #prepare(refreshed: RefreshedProject): PreparedProject | undefined {
    const { printer } = this.options;
    try {
      if (!refreshed.value || hasErrors(refreshed.diagnostics)) throw new DiagnosticsError(refreshed.diagnostics);
      const prepared = prepareProject({
        projectDir: this.#root,
        profilesDir: this.options.profilesDir,
        target: this.options.target,
        cliVars: this.options.cliVars,
        flags: { FULL_REFRESH: false, WHICH: 'build' },
        log: (message) => printer.info(message),
        project: refreshed.value,
      });
      if (refreshed.fullReload) printer.diagnostics([...refreshed.diagnostics, ...prepared.warnings].filter((d) => d.severity === 'warning'));
      return prepared;
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      const diagnostics: readonly Diagnostic[] = error instanceof DiagnosticsError ? error.diagnostics : [error.toDiagnostic()];
      printer.diagnostics(diagnostics);
      for (const d of diagnostics) if (d.severity === 'error' && d.file) this.#brokenFiles.add(d.file);
      return undefined;
    }
  }

  /** The session's engine, opened on first use; opened again only if the profile now points elsewhere. */
  async #engineFor(prepared: PreparedProject, first: boolean): Promise<Engine | undefined> {
    const wanted = prepared.target.path;
    if (this.#engine && this.#engine.path === wanted) return this.#engine;
    try {
      await this.close();
      const threads = this.options.threads ?? prepared.target.threads;
      this.#engine = await this.options.openEngine({ ...engineOptionsOf(prepared.target, threads, prepared.project.root), path: wanted });
      // A different database: nothing in it can be assumed, build the whole selection.
      this.#prepared = undefined;
      return this.#engine;
    } catch (error) {
      if (first || !(error instanceof PlanError)) throw error;
      this.options.printer.diagnostics([error.toDiagnostic()]);
      return undefined;
    }
  }

  #nodesToRebuild(previous: PreparedProject, next: PreparedProject, refreshed: RefreshedProject, selected: ReadonlySet<string>): Set<string> {
    const changed = new Set(diffManifests(previous.rendered.manifest, next.rendered.manifest).changed);
    const kinds = new Set(refreshed.kinds.values());
    // Macros, generic tests and vars reach nodes whose own files did not change: compare compiled SQL.
    if (refreshed.fullReload || kinds.has('macro') || kinds.has('generic_test')) {
      const candidates = [...selected].filter((id) => !changed.has(id));
      for (const id of compiledChanges(previous.rendered, next.rendered, candidates)) changed.add(id);
    }
    const carried = [...this.#failing].filter(([, f]) => f.status === 'error' || f.status === 'skipped').map(([id]) => id);
    return nodesToRebuild({ changed, carried, dag: next.dag, selected });
  }

  /** Remember what is broken; return the names of nodes that failed before and succeed now. */
  #recordOutcomes(results: readonly NodeResult[], prepared: PreparedProject): string[] {
    const fixed: string[] = [];
    const nodes = prepared.rendered.manifest.nodes;
    for (const r of results) {
      const name = nodes.get(r.uniqueId)?.name ?? r.uniqueId;
      const before = this.#failing.get(r.uniqueId);
      if (r.status === 'error' || r.status === 'fail' || r.status === 'skipped') {
        this.#failing.set(r.uniqueId, { name, status: r.status });
        continue;
      }
      this.#failing.delete(r.uniqueId);
      if (before && before.status !== 'skipped') fixed.push(name);
    }
    for (const id of [...this.#failing.keys()]) if (!nodes.has(id)) this.#failing.delete(id);
    return fixed;
  }

  /** Row count and first rows of the models whose file (or property file) was saved and built. */
  async #previews(prepared: PreparedProject, refreshed: RefreshedProject, results: readonly NodeResult[]): Promise<ModelPreview[]> {
    const engine = this.#engine;
    if (!engine || this.options.previewRows <= 0) return [];
    const saved = new Set([...refreshed.kinds].filter(([, k]) => k === 'model' || k === 'property').map(([f]) => f));
    const built = new Set(results.filter((r) => r.status === 'success').map((r) => r.uniqueId));
    const models: ModelNode[] = [];
    for (const id of built) {
      const node = prepared.rendered.manifest.nodes.get(id);
      if (node?.resourceType !== 'model' || node.config.materialized === 'ephemeral') continue;
      if (saved.has(node.originalFilePath) || (node.patchPath !== undefined && saved.has(node.patchPath))) models.push(node);
    }
    const out: ModelPreview[] = [];
    for (const model of models.slice(0, MAX_PREVIEWS)) {
      try {
        out.push(await previewModel(engine, model, this.options.previewRows));
      } catch (error) {
        this.options.printer.error(`could not preview ${model.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
    return out;
  }
}
