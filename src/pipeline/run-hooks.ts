import type { Engine } from '../engine/types.js';
import { ExecutionError, PlanError } from '../errors/plan-error.js';
import type { PreparedProject } from './prepare.js';
import { newIntrospection, QueryNeeded, type IntrospectionState } from '../render/introspection.js';
import type { RunEndContext } from '../render/render-state.js';
import { nodeJson } from '../manifest/node-json.js';
import type { Manifest } from '../manifest/types.js';
import type { NodeResult } from '../run/types.js';
import type { NodeCompiler } from '../render/index.js';

export type RunHookKind = 'on-run-start' | 'on-run-end';

export interface CompiledRunHook {
  readonly kind: RunHookKind;
  /** 1-based position in the project file's list. */
  readonly index: number;
  /** The rendered SQL; undefined for a hook that queries the database (run_query...): rendered when it runs. */
  readonly sql: string | undefined;
  readonly raw: string;
}

/** Render the project's on-run-start / on-run-end hooks; a render error (exit 2) surfaces before anything runs. */
export function compileRunHooks(prepared: PreparedProject, kind: RunHookKind): CompiledRunHook[] {
  const { config } = prepared.project;
  const hooks = kind === 'on-run-start' ? config.onRunStart : config.onRunEnd;
  return hooks.map((hook, i) => ({ kind, index: i + 1, raw: hook, sql: renderUnlessItQueries(prepared, hook, kind) }));
}

function renderUnlessItQueries(prepared: PreparedProject, hook: string, kind: RunHookKind): string | undefined {
  try {
    return prepared.rendered.compiler.compileText(hook, prepared.project.config.configFile, kind, newIntrospection([]));
  } catch (error) {
    if (error instanceof QueryNeeded) return undefined;
    throw error;
  }
}

/**
 * Run the hooks in order on one connection. on-run-end hooks (given `runEnd`) are rendered again
 * here, after the nodes ran, so that they see dbt's `results` and `schemas`.
 */
export async function runRunHooks(engine: Engine, hooks: readonly CompiledRunHook[], configFile: string, compiler: NodeCompiler, runEnd?: RunEndContext): Promise<void> {
  if (hooks.length === 0) return;
  await engine.withConnection(async (conn) => {
    for (const hook of hooks) {
      const render = (introspection: IntrospectionState): string => compiler.compileText(hook.raw, configFile, hook.kind, introspection, runEnd);
      const sql = hook.sql !== undefined && runEnd === undefined ? hook.sql : await compiler.withQueries(render, (q) => conn.query(q), configFile);
      if (sql.trim() === '') continue;
      try {
        await conn.run(sql);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new ExecutionError('run.hook_failed', `${hook.kind} hook ${hook.index} failed: ${message}`, {
          file: configFile,
          hint: (error instanceof PlanError && error.hint) || `fix the SQL of the ${hook.kind} entry in ${configFile}`,
        });
      }
    }
  });
}

/** dbt's on-run-end context: a result per node that ran (with the node as manifest.json has it) and the schemas built into. */
export function runEndContext(manifest: Manifest, results: readonly NodeResult[]): RunEndContext {
  const pairs = new Map<string, readonly [string, string]>();
  const out = results.flatMap((r) => {
    const node = manifest.nodes.get(r.uniqueId);
    if (!node) return [];
    if (r.status === 'success' && 'relation' in node && node.resourceType !== 'source') pairs.set(`${node.relation.database}.${node.relation.schema}`, [node.relation.database, node.relation.schema]);
    return [{ node: nodeJson(node), status: r.status, message: r.message, execution_time: r.executionTime, failures: r.failures ?? null, adapter_response: { rows_affected: r.rowsAffected ?? null } }];
  });
  const databaseSchemas = [...pairs.values()];
  return { results: out, schemas: [...new Set(databaseSchemas.map(([, schema]) => schema))], database_schemas: databaseSchemas };
}
