import { EngineError } from '../engine/index.js';
import { PlanError } from '../errors/plan-error.js';
import type { ExecutorOutcome } from './run-context.js';
import { compiledLineToSourceLine, lineOffsetOf } from './source-lines.js';

/**
 * Turn anything a node threw into an error outcome that names the node's file and the line of
 * its source the problem comes from (DuckDB reports lines of the statement it was sent).
 */
export function errorOutcome(error: unknown, source: { file: string; rawCode: string; compiledSql?: string }): ExecutorOutcome {
  if (error instanceof EngineError) {
    let line: number | undefined;
    const modelLine = error.modelLine ?? modelLineFromStatement(error, source.compiledSql);
    if (modelLine !== undefined && source.compiledSql !== undefined && source.rawCode) {
      line = compiledLineToSourceLine(source.rawCode, source.compiledSql, modelLine);
    }
    const excerpt = line !== undefined ? source.rawCode.split('\n')[line - 1]?.trim() : undefined;
    return {
      status: 'error',
      // error.message keeps context prefixes such as "post-hook 1 failed: ".
      message: error.message,
      file: source.file,
      line,
      detail: excerpt ? `${line} | ${excerpt}` : undefined,
      compiledSql: source.compiledSql,
    };
  }
  if (error instanceof PlanError) {
    return { status: 'error', message: error.message, file: error.file ?? source.file, line: error.line, hint: error.hint, compiledSql: source.compiledSql };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'error', message: `internal error: ${message}`, file: source.file, compiledSql: source.compiledSql };
}

/** DuckDB's LINE n counts from the start of the statement; find where the model's SQL sits in it. */
function modelLineFromStatement(error: EngineError, compiledSql: string | undefined): number | undefined {
  if (error.dbLine === undefined || error.sql === undefined || compiledSql === undefined) return undefined;
  const offset = lineOffsetOf(error.sql, compiledSql);
  if (offset === undefined) return undefined;
  const line = error.dbLine - offset;
  return line >= 1 ? line : undefined;
}
