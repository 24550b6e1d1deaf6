import { randomUUID } from 'node:crypto';
import type { TargetConfig } from '../config/types.js';
import { PlanError, RenderError } from '../errors/plan-error.js';
import { createJinjaEnvironment, type CompiledTemplate, type JinjaEnvironment } from './jinja/index.js';
import { installGlobals } from './globals.js';
import { EMPTY_INDEX, type RelationIndex } from './relation-index.js';
import type { RenderFrame } from './render-state.js';
import type { Manifest } from '../manifest/types.js';
import { exposureJson, nodeJson } from '../manifest/node-json.js';

export interface RenderOptions {
  readonly projectName: string;
  readonly target: TargetConfig;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly invocationId?: string;
  readonly runStartedAt?: Date;
  readonly flags?: Readonly<Record<string, unknown>>;
  /** Where log() and print() go (stderr in the CLI). */
  readonly log?: (message: string) => void;
}

/**
 * One Jinja environment with dbt's globals, plus the slot saying which node is being rendered.
 * Templates are compiled once and cached by file, so parse and compile renders share the work.
 */
export class RenderSession {
  readonly env: JinjaEnvironment;
  readonly options: RenderOptions;
  readonly invocationId: string;
  /** Where log() and print() output goes. */
  readonly log: (message: string) => void;
  private current: RenderFrame | undefined;
  private relationIndex: RelationIndex = EMPTY_INDEX;
  private manifest: Manifest | undefined;
  private graphValue: Record<string, unknown> | undefined;
  private readonly templates = new Map<string, { source: string; template: CompiledTemplate }>();

  constructor(options: RenderOptions) {
    this.options = options;
    this.invocationId = options.invocationId ?? randomUUID();
    this.log = options.log ?? ((message) => process.stderr.write(`${message}\n`));
    this.env = createJinjaEnvironment({ onMacroCall: (name) => this.current?.macrosUsed.add(name) });
    installGlobals(this.env, {
      projectName: options.projectName,
      target: options.target,
      vars: options.vars,
      invocationId: this.invocationId,
      runStartedAt: options.runStartedAt ?? new Date(),
      flags: options.flags ?? {},
      log: this.log,
      frame: () => {
        if (!this.current) throw new PlanError('render.no_frame', 'a template global was used outside of rendering');
        return this.current;
      },
      index: () => this.relationIndex,
      graph: () => (this.graphValue ??= graphOf(this.manifest)),
    });
  }

  /** The rendered project, for dbt's `graph` variable when nodes are rendered to run. */
  useManifest(manifest: Manifest): void {
    this.manifest = manifest;
    this.graphValue = undefined;
  }

  setIndex(index: RelationIndex): void {
    this.relationIndex = index;
  }

  get index(): RelationIndex {
    return this.relationIndex;
  }

  /** Compile (cached by file and source text). Throws RenderError on syntax errors. */
  template(file: string, source: string): CompiledTemplate {
    const cached = this.templates.get(file);
    if (cached && cached.source === source) return cached.template;
    const template = this.env.compile(source, file);
    this.templates.set(file, { source, template });
    return template;
  }

  /** Render `source` as `file` with `frame` as the current node. */
  render(file: string, source: string, frame: RenderFrame): string {
    const template = this.template(file, source);
    return this.withFrame(frame, () => this.env.render(template, {}));
  }

  /** Render a yml value or other one-off text that may contain Jinja. */
  renderString(text: string, frame: RenderFrame): string {
    if (!text.includes('{{') && !text.includes('{%')) return text;
    return this.withFrame(frame, () => this.env.renderString(text, {}, frame.file));
  }

  withFrame<T>(frame: RenderFrame, fn: () => T): T {
    const previous = this.current;
    this.current = frame;
    try {
      return fn();
    } catch (error) {
      if (error instanceof PlanError) throw error;
      throw new RenderError('render.error', error instanceof Error ? error.message : String(error), { file: frame.file, node: frame.nodeName });
    } finally {
      this.current = previous;
    }
  }
}

/** dbt's `graph`: the project's nodes, sources and exposures as manifest.json has them (empty before the manifest exists). */
function graphOf(manifest: Manifest | undefined): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  for (const node of manifest?.nodes.values() ?? []) {
    if (node.resourceType === 'source') sources[node.uniqueId] = nodeJson(node);
    else if (node.resourceType !== 'unit_test') nodes[node.uniqueId] = nodeJson(node);
  }
  const exposures = Object.fromEntries([...(manifest?.exposures?.values() ?? [])].map((e) => [e.uniqueId, exposureJson(e)]));
  return { nodes, sources, exposures, metrics: {}, groups: {}, semantic_models: {}, saved_queries: {} };
}
