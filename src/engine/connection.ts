import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError, toEngineError } from './engine-error.js';
import { readColumns, readRows } from './json-rows.js';
import { catalogEffect } from './catalog-effect.js';
import { PendingEffects, RelationCache } from './relation-cache.js';
import { traced } from './sql-log.js';
import { parenthesize, quoteLiteral } from './sql-text.js';
import type { ColumnSchema, EngineConnection, QueryResult, RelationKind } from './types.js';
import { quoteIdent } from '../manifest/types.js';

/**
 * An EngineConnection over one DuckDB connection. Not safe for concurrent use by two callers.
 * relationKind is answered from the instance's RelationCache, which every statement sent here
 * keeps current (statements inside transaction() reach it only when the transaction commits).
 */
export class DuckDBEngineConnection implements EngineConnection {
  private transactionDepth = 0;
  private pending: PendingEffects | undefined;

  constructor(
    protected readonly raw: DuckDBConnection,
    private readonly cache: RelationCache = new RelationCache(),
  ) {}

  async run(sql: string): Promise<{ readonly rowsChanged: number }> {
    return this.tracked(sql, async () => {
      const result = await traced(this.raw, sql, () => this.raw.run(sql));
      return { rowsChanged: result.rowsChanged };
    });
  }

  async query(sql: string): Promise<QueryResult> {
    return this.tracked(sql, async () => {
      const reader = await traced(this.raw, sql, () => this.raw.runAndReadAll(sql));
      return { columns: readColumns(reader), rows: readRows(reader) };
    });
  }

  /** Send a statement and record what it did to the catalog: precisely on success, 'forget everything' when unsure. */
  private async tracked<T>(sql: string, send: () => Promise<T>): Promise<T> {
    const effect = catalogEffect(sql);
    try {
      const result = await send();
      this.record(effect);
      return result;
    } catch (error) {
      // A multi-statement text may have run (and committed) its first statements before failing.
      if (effect.type === 'unknown') this.record(effect);
      throw toEngineError(error, sql);
    }
  }

  private record(effect: ReturnType<typeof catalogEffect>): void {
    if (effect.type === 'none') return;
    if (this.pending && effect.type !== 'unknown') this.pending.add(effect);
    else {
      // Unknown SQL (a hook, BEGIN/COMMIT of its own...): the shared cache forgets now, and this
      // transaction's lookups go to the catalog from here on.
      this.pending?.add(effect);
      this.cache.apply(effect);
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
    if (!RelationCache.cacheable(database) || this.pending?.opaque) return this.lookupInCatalog(database, schema, name);
    let kind = this.cache.lookup(database, schema, name);
    if (kind === undefined) {
      // Inside a transaction the catalog shows this transaction's uncommitted changes: not for the shared cache.
      if (this.pending) return this.lookupInCatalog(database, schema, name);
      kind = await this.readSchema(database, schema, name);
    }
    return this.pending ? this.pending.lookup(database, schema, name, kind) : kind;
  }

  /** One catalog query for every table and view of the schema; stored in the cache unless a change raced it. */
  private async readSchema(database: string, schema: string, name: string): Promise<RelationKind | null> {
    const version = this.cache.currentVersion;
    const where = `lower(database_name) = lower(${quoteLiteral(database)}) AND lower(schema_name) = lower(${quoteLiteral(schema)})`;
    const { rows } = await this.query(
      `SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE ${where}\n` +
        `UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE NOT internal AND ${where}`,
    );
    const relations = rows.map((r) => ({ name: String(r.name), kind: r.kind as RelationKind }));
    this.cache.store(database, schema, relations, version);
    return relations.find((r) => r.name.toLowerCase() === name.toLowerCase())?.kind ?? null;
  }

  private async lookupInCatalog(database: string, schema: string, name: string): Promise<RelationKind | null> {
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
   * COMMIT then "succeeds" while discarding everything. So when a statement of the transaction
   * failed (even one the caller caught), we probe the transaction before COMMIT; if it is aborted
   * we roll back and fail. Without a failed statement there is nothing to probe.
   */
  async transaction<T>(fn: (conn: EngineConnection) => Promise<T>): Promise<T> {
    if (this.transactionDepth > 0) return fn(this); // nested: join the outer transaction
    let firstError: EngineError | undefined;
    const tracked = trackErrors(this, (e) => (firstError ??= e));
    await this.control('BEGIN TRANSACTION');
    this.transactionDepth = 1;
    const pending = (this.pending = new PendingEffects());
    try {
      const result = await fn(tracked);
      await this.ensureNotAborted(firstError);
      this.pending = undefined;
      try {
        await this.control('COMMIT');
      } catch (error) {
        // Whether anything was written is unclear: read the catalog again.
        this.cache.invalidate();
        throw error;
      }
      pending.commitTo(this.cache);
      return result;
    } catch (error) {
      this.pending = undefined;
      await this.rollbackQuietly();
      throw error;
    } finally {
      this.pending = undefined;
      this.transactionDepth = 0;
    }
  }

  /** BEGIN / COMMIT sent by transaction() itself (run() treats them as unknown SQL). */
  private async control(sql: string): Promise<void> {
    try {
      await traced(this.raw, sql, () => this.raw.run(sql));
    } catch (error) {
      throw toEngineError(error, sql);
    }
  }

  private async ensureNotAborted(firstError: EngineError | undefined): Promise<void> {
    if (firstError === undefined) return;
    try {
      await traced(this.raw, 'SELECT 1', () => this.raw.run('SELECT 1'));
    } catch {
      throw firstError.with({ prefix: 'transaction aborted by an earlier error and rolled back' });
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
