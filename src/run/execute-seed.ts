import type { EngineConnection } from '../engine/types.js';
import type { SeedNode } from '../manifest/types.js';
import { loadSeed } from '../materialize/index.js';
import { persistDocs } from '../materialize/persist-docs.js';
import { errorOutcome } from './error-outcome.js';
import type { ExecutorOutcome, RunContext } from './run-context.js';

export async function executeSeed(node: SeedNode, conn: EngineConnection, ctx: RunContext): Promise<ExecutorOutcome> {
  try {
    const result = await loadSeed({ node, conn, fullRefresh: ctx.flags.fullRefresh });
    await persistDocs(conn, node);
    return { status: 'success', message: result.message, rowsAffected: result.rowsAffected };
  } catch (error) {
    return errorOutcome(error, { file: node.originalFilePath, rawCode: '' });
  }
}
