import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError, toEngineError } from './engine-error.js';
import { readColumns, readRows } from './json-rows.js';
import { traced } from './sql-log.js';
import { parenthesize, quoteLiteral } from './sql-text.js';
import type { ColumnSchema, EngineConnection, QueryResult, RelationKind } from './types.js';
import { quoteIdent } from '../manifest/types.js';

/** An EngineConnection over one DuckDB connection. Not safe for concurrent use by two callers. */
export class DuckDBEngineConnection implements EngineConnection {
  private transactionDepth = 0;

  constructor(protected readonly raw: DuckDBConnection) {}

  async run(sql: string): Promise<{ readonly rowsChanged: number }> {
    try {
      const result = await traced(this.raw, sql, () => this.raw.run(sql));
      return { rowsChanged: result.rowsChanged };
    } catch (error) {
      throw toEngineError(error, sql);
    }
  }

  async query(sql: string): Promise<QueryResult> {
    try {
      const reader = await traced(this.raw, sql, () => this.raw.runAndReadAll(sql));
      return { columns: readColumns(reader), rows: readRows(reader) };
    } catch (error) {
      throw toEngineError(error, sql);
    }
  }

  async describeQuery(sql: string): Promise<readonly ColumnSchema[]> {
    const statement = `SELECT * FROM ${parenthesize(sql)} LIMIT 0`;
    try {
      const reader = await traced(this.raw, statement, () => this.raw.runAndReadAll(statement));
      return readColumns(reader);
    } catch (error) {
      throw toEngineError(error, statement);
    }
  }

  async describeRelation(database: string, schema: string, name: string): Promise<readonly ColumnSchema[]> {
    if ((await this.relationKind(database, schema, name)) === null) return [];
    const relation = [database, schema, name].map(quoteIdent).join('.');
    return this.describeQuery(`SELECT * FROM ${relation}`);
  }

  async relationKind(database: string, schema: string, name: string): Promise<RelationKind | null> {
    // DuckDB resolves identifiers case-insensitively, so look them up the same way.
    const where = `lower(database_name) = lower(${quoteLiteral(database)}) AND lower(schema_name) = lower(${quoteLiteral(schema)})`;
    const sql =
      `SELECT 'table' AS kind FROM duckdb_tables() WHERE ${where} AND lower(table_name) = lower(${quoteLiteral(name)})\n` +
      `UNION ALL SELECT 'view' FROM duckdb_views() WHERE NOT internal AND ${where} AND lower(view_name) = lower(${quoteLiteral(name)})`;
    const { rows } = await this.query(sql);
    return rows.length === 0 ? null : (rows[0].kind as RelationKind);
  }

  /**
   * DuckDB keeps a transaction open after a runtime error but marks it aborted, and a later
   * COMMIT then "succeeds" while discarding everything. So before COMMIT we probe the
   * transaction; if it is aborted we roll back and fail.
   */
  async transaction<T>(fn: (conn: EngineConnection) => Promise<T>): Promise<T> {
    if (this.transactionDepth > 0) return fn(this); // nested: join the outer transaction
    let firstError: EngineError | undefined;
    const tracked = trackErrors(this, (e) => (firstError ??= e));
    await this.run('BEGIN TRANSACTION');
    this.transactionDepth = 1;
    try {
      const result = await fn(tracked);
      await this.ensureNotAborted(firstError);
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.rollbackQuietly();
      throw error;
    } finally {
      this.transactionDepth = 0;
    }
  }

  private async ensureNotAborted(firstError: EngineError | undefined): Promise<void> {
    try {
      await traced(this.raw, 'SELECT 1', () => this.raw.run('SELECT 1'));
    } catch (error) {
      const probe = toEngineError(error, 'SELECT 1');
      const cause = firstError ?? probe;
      throw cause.with({ prefix: 'transaction aborted by an earlier error and rolled back' });
    }
  }

  private async rollbackQuietly(): Promise<void> {
    try {
      await traced(this.raw, 'ROLLBACK', () => this.raw.run('ROLLBACK'));
    } catch {
      // No transaction left to roll back (e.g. COMMIT itself failed and DuckDB ended it).
    }
  }
}

/** The same connection, reporting every EngineError it throws (used to remember a transaction's first error). */
function trackErrors(conn: DuckDBEngineConnection, onError: (e: EngineError) => void): EngineConnection {
  const wrap =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await f(...args);
      } catch (error) {
        if (error instanceof EngineError) onError(error);
        throw error;
      }
    };
  return {
    run: wrap((sql: string) => conn.run(sql)),
    query: wrap((sql: string) => conn.query(sql)),
    describeQuery: wrap((sql: string) => conn.describeQuery(sql)),
    describeRelation: wrap((d: string, s: string, n: string) => conn.describeRelation(d, s, n)),
    relationKind: wrap((d: string, s: string, n: string) => conn.relationKind(d, s, n)),
    transaction: <T>(fn: (c: EngineConnection) => Promise<T>) => fn(trackErrors(conn, onError)),
  };
}
