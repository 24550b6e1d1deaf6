import type { EngineConnection } from '../engine/types.js';
import type { SnapshotNode } from '../manifest/types.js';
import { materializeSnapshot } from '../materialize/index.js';
import { errorOutcome } from './error-outcome.js';
import type { ExecutorOutcome, RunContext } from './run-context.js';

/** render (with its queries) -> add this run's versions to the snapshot's history table. */
export async function executeSnapshot(node: SnapshotNode, conn: EngineConnection, ctx: RunContext): Promise<ExecutorOutcome> {
  let compiledSql: string | undefined;
  try {
    const compiled = await ctx.compiler.withQueries(
      (introspection) => ({
        sql: ctx.compiler.compileSnapshot(node, { introspection }),
        preHooks: ctx.compiler.compileHooks(node, 'pre', introspection),
        postHooks: ctx.compiler.compileHooks(node, 'post', introspection),
      }),
      (sql) => conn.query(sql),
      node.originalFilePath,
    );
    compiledSql = compiled.sql;
    const result = await materializeSnapshot({ node, conn, compiledSql, preHooks: compiled.preHooks, postHooks: compiled.postHooks, now: new Date() });
    return { status: 'success', message: result.message, rowsAffected: result.inserted, compiledSql };
  } catch (error) {
    return errorOutcome(error, { file: node.originalFilePath, rawCode: node.rawCode, compiledSql });
  }
}
