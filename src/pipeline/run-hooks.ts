import type { Engine } from '../engine/types.js';
import { ExecutionError, PlanError } from '../errors/plan-error.js';
import type { PreparedProject } from './prepare.js';

export type RunHookKind = 'on-run-start' | 'on-run-end';

export interface CompiledRunHook {
  readonly kind: RunHookKind;
  /** 1-based position in the project file's list. */
  readonly index: number;
  readonly sql: string;
}

/** Render the project's on-run-start / on-run-end hooks; a render error (exit 2) surfaces before anything runs. */
export function compileRunHooks(prepared: PreparedProject, kind: RunHookKind): CompiledRunHook[] {
  const { config } = prepared.project;
  const hooks = kind === 'on-run-start' ? config.onRunStart : config.onRunEnd;
  return hooks.map((hook, i) => ({ kind, index: i + 1, sql: prepared.rendered.compiler.compileText(hook, config.configFile, kind) }));
}

/** Run rendered hooks in order on one connection; a failure names the hook and the project file (exit 1). */
export async function runRunHooks(engine: Engine, hooks: readonly CompiledRunHook[], configFile: string): Promise<void> {
  if (hooks.length === 0) return;
  await engine.withConnection(async (conn) => {
    for (const hook of hooks) {
      if (hook.sql.trim() === '') continue;
      try {
        await conn.run(hook.sql);
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
