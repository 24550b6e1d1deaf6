import type { NodeConfig } from '../config/types.js';
import type { Manifest, ModelNode, PriorRead, SnapshotNode, TestNode } from '../manifest/types.js';
import { ephemeralCteName } from './relation-index.js';
import type { RenderSession } from './render-session.js';
import { newFrame, type RenderFrame, type RunEndContext } from './render-state.js';
import { injectCtes } from './ephemeral-ctes.js';
import { compileWithQueries, type IntrospectionState } from './introspection.js';
import type { QueryResult } from '../engine/types.js';
import type { CustomStrategy } from '../materialize/types.js';
import { columnObject } from './introspection-globals.js';
import { RelationObject } from './relation-object.js';

export interface CompileOptions {
  /** Whether `is_incremental()` is true (the runner decides from the database). */
  readonly isIncremental?: boolean;
  /** Unit tests: 'ref:name' / 'source:src.table' -> relation text to use instead. */
  readonly relationOverrides?: ReadonlyMap<string, string>;
  readonly varOverrides?: Readonly<Record<string, unknown>>;
  /** Answers for run_query() and friends (see introspection.ts); without it they are an error. */
  readonly introspection?: IntrospectionState;
}

/**
 * Renders nodes for execution: `execute` is true, refs resolve to real relations, and ephemeral
 * models referenced (directly or through other ephemerals) are inlined as CTEs.
 */
export class NodeCompiler {
  constructor(
    private readonly session: RenderSession,
    readonly manifest: Manifest,
  ) {
    session.useManifest(manifest);
  }

  /**
   * Run `compile` with answers to the run_query() / statement / adapter queries it makes, sending
   * each to `runQuery` once (see introspection.ts).
   */
  withQueries<T>(compile: (introspection: IntrospectionState) => T, runQuery: (sql: string) => Promise<QueryResult>, file: string): Promise<T> {
    return compileWithQueries(compile, runQuery, this.session.log, file);
  }

  compileModel(node: ModelNode, options: CompileOptions = {}): string {
    return this.compileModelWithReads(node, options).sql;
  }

  /** The compiled SQL plus the prior() partitions it reads with this invocation's vars (its ephemerals' reads included). */
  compileModelWithReads(node: ModelNode, options: CompileOptions = {}): { sql: string; priorReads: readonly PriorRead[] } {
    const frame = this.frameFor(node, node.rawCode, options);
    const sql = this.session.render(node.originalFilePath, node.rawCode, frame);
    const priorReads = [...frame.priorReads];
    return { sql: this.withEphemerals(sql, frame.ephemeralRefs, options, priorReads), priorReads };
  }

  /** A snapshot's SELECT (the body of its block), as run. */
  compileSnapshot(node: SnapshotNode, options: CompileOptions = {}): string {
    const frame = this.frameFor(node, node.rawCode, options);
    const sql = this.session.renderString(node.rawCode, frame);
    return this.withEphemerals(sql, frame.ephemeralRefs, options).trim();
  }

  compileTest(node: TestNode, options: CompileOptions = {}): string {
    if (node.testType === 'singular' || !node.testMetadata) {
      const frame = this.frameFor(node, node.rawCode, options);
      const sql = this.session.render(node.originalFilePath, node.rawCode, frame);
      return this.withEphemerals(sql, frame.ephemeralRefs, options);
    }
    const meta = node.testMetadata;
    const frame = this.frameFor(node, '', options);
    const sql = this.session.withFrame(frame, () => {
      const kwargs: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(meta.kwargs)) kwargs[key] = this.renderArgument(value, frame);
      return String(this.session.env.callMacro(`test_${meta.name}`, [], kwargs));
    });
    return this.withEphemerals(sql, frame.ephemeralRefs, options);
  }

  /** Rendered pre_hook or post_hook statements of a model or seed. */
  compileHooks(
    node: ModelNode | { readonly name: string; readonly originalFilePath: string; readonly config: NodeConfig; readonly relation: ModelNode['relation'] },
    which: 'pre' | 'post',
    introspection?: IntrospectionState,
  ): string[] {
    const hooks = which === 'pre' ? node.config.pre_hook : node.config.post_hook;
    return hooks.map((hook) => {
      const frame = newFrame({ mode: 'compile', file: node.originalFilePath, nodeName: node.name, resourceType: 'hook', rawCode: hook, isIncremental: false, thisRelation: node.relation, resolvedConfig: node.config, introspection });
      return this.session.renderString(hook, frame);
    });
  }

  /** Call macro `name` (or `package.name`) with keyword arguments, as run-operation does; returns what it rendered or returned. */
  runMacro(name: string, kwargs: Readonly<Record<string, unknown>>, file: string, introspection?: IntrospectionState): unknown {
    const frame = newFrame({ mode: 'compile', file, nodeName: name, resourceType: 'inline', rawCode: '', isIncremental: false, introspection });
    const dot = name.indexOf('.');
    if (dot < 0) return this.session.withFrame(frame, () => this.session.env.callMacro(name, [], kwargs));
    const namespace = this.session.env.getGlobal(name.slice(0, dot)) as Record<string, unknown> | undefined;
    const macro = namespace?.[name.slice(dot + 1)];
    if (typeof macro !== 'function') return this.session.withFrame(frame, () => this.session.env.callMacro(name.slice(dot + 1), [], kwargs));
    return this.session.withFrame(frame, () => (macro as (...a: unknown[]) => unknown)({ ...kwargs, __keywords: true }));
  }

  /**
   * dbt's custom incremental strategies: `get_incremental_<name>_sql(arg_dict)` of the project or
   * a package, rendered in the model's context (its config.get, `this`), with arg_dict's
   * target_relation, temp_relation, unique_key, dest_columns and incremental_predicates.
   */
  customStrategyFor(node: ModelNode): CustomStrategy {
    const macroOf = (strategy: string): string => `get_incremental_${strategy}_sql`;
    return {
      has: (strategy) => this.session.env.hasMacro(macroOf(strategy)),
      sql: (strategy, input) => {
        const frame = newFrame({ mode: 'compile', file: node.originalFilePath, nodeName: node.name, resourceType: 'model', rawCode: '', isIncremental: true, thisRelation: node.relation, resolvedConfig: node.config });
        const argDict = {
          target_relation: new RelationObject(node.relation),
          temp_relation: new RelationObject(input.stage),
          unique_key: node.config.unique_key ?? null,
          dest_columns: input.columns.map((c) => columnObject(c.name, c.type)),
          incremental_predicates: node.config.incremental_predicates ?? null,
        };
        return String(this.session.withFrame(frame, () => this.session.env.callMacro(macroOf(strategy), [argDict], {})) ?? '');
      },
    };
  }

  /** on-run-start / on-run-end hooks and `plan show --inline` SQL. */
  compileText(text: string, file: string, name = 'inline', introspection?: IntrospectionState, runEnd?: RunEndContext): string {
    const frame = newFrame({ mode: 'compile', file, nodeName: name, resourceType: 'inline', rawCode: text, isIncremental: false, introspection, runEnd });
    const sql = this.session.renderString(text, frame);
    return this.withEphemerals(sql, frame.ephemeralRefs, {});
  }

  private frameFor(node: ModelNode | SnapshotNode | TestNode, rawCode: string, options: CompileOptions): RenderFrame {
    return newFrame({
      mode: 'compile',
      file: node.originalFilePath,
      nodeName: node.name,
      resourceType: node.resourceType,
      rawCode,
      isIncremental: options.isIncremental ?? false,
      thisRelation: node.resourceType === 'model' || node.resourceType === 'snapshot' ? node.relation : undefined,
      relationOverrides: options.relationOverrides,
      varOverrides: options.varOverrides,
      resolvedConfig: node.config,
      introspection: options.introspection,
    });
  }

  /** Test arguments are Jinja: `to: ref('customers')`, `expression: "x > {{ var('min') }}"`. */
  private renderArgument(value: unknown, frame: RenderFrame): unknown {
    if (typeof value === 'string') {
      if (/^\s*(ref|source)\s*\(/.test(value)) return this.session.renderString(`{{ ${value} }}`, frame);
      return this.session.renderString(value, frame);
    }
    if (Array.isArray(value)) return value.map((v) => this.renderArgument(v, frame));
    return value;
  }

  /** Compile each referenced ephemeral model (recursively) and inline them in dependency order. */
  private withEphemerals(sql: string, direct: readonly string[], options: CompileOptions, priorReads: PriorRead[] = []): string {
    if (direct.length === 0) return sql;
    const ordered: { name: string; sql: string }[] = [];
    const done = new Set<string>();
    const visit = (uniqueId: string, chain: readonly string[]): void => {
      if (done.has(uniqueId) || chain.includes(uniqueId)) return;
      const node = this.manifest.nodes.get(uniqueId);
      if (!node || node.resourceType !== 'model') return;
      const frame = this.frameFor(node, node.rawCode, { ...options, isIncremental: false });
      const body = this.session.render(node.originalFilePath, node.rawCode, frame);
      priorReads.push(...frame.priorReads.map((read) => ({ ...read, file: node.originalFilePath })));
      for (const inner of frame.ephemeralRefs) visit(inner, [...chain, uniqueId]);
      done.add(uniqueId);
      ordered.push({ name: ephemeralCteName(node.relation.identifier), sql: body });
    };
    for (const id of direct) visit(id, []);
    return injectCtes(sql, ordered);
  }
}
