import { EngineError } from '../engine/engine-error.js';
import type { EngineConnection } from '../engine/types.js';

/** Run rendered hooks in order; a failure names the hook (`pre-hook 2 failed: ...`). */
export async function runHooks(conn: EngineConnection, hooks: readonly string[], kind: 'pre-hook' | 'post-hook'): Promise<void> {
  for (const [i, hook] of hooks.entries()) {
    if (hook.trim() === '') continue;
    try {
      await conn.run(hook);
    } catch (error) {
      throw error instanceof EngineError ? error.with({ prefix: `${kind} ${i + 1} failed` }) : error;
    }
  }
}
