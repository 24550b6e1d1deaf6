import { EngineError } from '../engine/engine-error.js';
import { stripTrailingSemicolons } from '../engine/sql-text.js';
import type { EngineConnection } from '../engine/types.js';

/**
 * Every statement that embeds model SQL puts it right after a line ending in `(`, so the
 * model's line 1 is the statement's line 1 + MODEL_SQL_LINE_OFFSET.
 */
export const MODEL_SQL_LINE_OFFSET = 1;

/**
 * Map DuckDB's `LINE n` (1-based, within `statementSql`) to a 1-based line of `modelSql`
 * (the compiled SQL), or undefined when the line is outside the model SQL.
 */
export function mapDbLineToModelLine(statementSql: string, dbLine: number, modelSql: string): number | undefined {
  const body = stripTrailingSemicolons(modelSql);
  const start = statementSql.indexOf(body);
  if (start < 0) return undefined;
  const linesBefore = statementSql.slice(0, start).split('\n').length - 1;
  const line = dbLine - linesBefore;
  return line >= 1 && line <= body.split('\n').length ? line : undefined;
}

/** Run a statement that embeds the model SQL; errors get `modelLine` set. */
export async function runModelStatement(conn: EngineConnection, statement: string, modelSql: string): Promise<{ readonly rowsChanged: number }> {
  try {
    return await conn.run(statement);
  } catch (error) {
    throw withModelLine(error, modelSql);
  }
}

/** Run `CREATE TABLE ... AS` (embedding the model SQL); returns the rows written, which DuckDB reports as a `Count` row. */
export async function createTableAs(conn: EngineConnection, statement: string, modelSql: string): Promise<number | undefined> {
  try {
    return countOf(await conn.query(statement));
  } catch (error) {
    throw withModelLine(error, modelSql);
  }
}

export function countOf(result: { readonly rows: readonly Readonly<Record<string, unknown>>[] }): number | undefined {
  const count = Number(result.rows[0]?.Count);
  return Number.isFinite(count) ? count : undefined;
}

export function withModelLine(error: unknown, modelSql: string): unknown {
  if (!(error instanceof EngineError) || error.dbLine === undefined || error.sql === undefined) return error;
  const modelLine = mapDbLineToModelLine(error.sql, error.dbLine, modelSql);
  return modelLine === undefined ? error : error.with({ modelLine });
}
