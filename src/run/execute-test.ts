import { runDataTest, type TestResult } from '../data-tests/index.js';
import type { EngineConnection } from '../engine/types.js';
import type { TestNode } from '../manifest/types.js';
import { errorOutcome } from './error-outcome.js';
import type { ExecutorOutcome, RunContext } from './run-context.js';

/** A data test's outcome: pass, warn or fail by its thresholds; error when its SQL does not run. */
export async function executeTest(node: TestNode, conn: EngineConnection, ctx: RunContext): Promise<ExecutorOutcome> {
  let compiledSql: string | undefined;
  try {
    compiledSql = await ctx.compiler.withQueries((introspection) => ctx.compiler.compileTest(node, { introspection }), (sql) => conn.query(sql), testFile(node));
    const result = await runDataTest(conn, { node, compiledSql }, testOptions(ctx));
    return testOutcome(node, result, compiledSql);
  } catch (error) {
    return errorOutcome(error, { file: testFile(node), rawCode: node.rawCode, compiledSql });
  }
}

export function testOptions(ctx: RunContext): { targetSchema: string; previewLimit: number; warnError: boolean; storeFailures: boolean } {
  return { targetSchema: ctx.target.schema, previewLimit: ctx.flags.previewRows, warnError: ctx.flags.warnError, storeFailures: ctx.flags.storeFailures };
}

function testFile(node: TestNode): string {
  return node.declaredAt?.file ?? node.originalFilePath;
}

/** The node outcome for a test result (the same whether the test ran alone or in a shared scan). */
export function testOutcome(node: TestNode, result: TestResult, compiledSql: string): ExecutorOutcome {
  const file = testFile(node);
  const stored = result.storedIn ? ` (stored in ${result.storedIn})` : '';
  return {
    status: result.status === 'pass' ? 'pass' : result.status,
    message: result.status === 'error' ? result.message : `${result.failures} failing row${result.failures === 1 ? '' : 's'}${stored}`,
    failures: result.failures,
    preview: result.status === 'pass' ? undefined : result.preview,
    compiledSql,
    file: result.status === 'pass' ? undefined : file,
    line: result.status === 'pass' ? undefined : node.declaredAt?.line,
  };
}
