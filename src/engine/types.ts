import type { AttachedDatabase } from '../config/index.js';
/**
 * The database boundary. Only src/engine/ imports @duckdb/node-api; every other module talks
 * to DuckDB through these interfaces (and gets JSON-safe values back).
 */

export type RelationKind = 'table' | 'view';

/** A column of a query result or relation, with DuckDB's type name (e.g. 'INTEGER', 'DECIMAL(10,2)'). */
export interface ColumnSchema {
  readonly name: string;
  readonly type: string;
}

/** JSON-safe row: BIGINT/HUGEINT become numbers when safe (else strings), dates/timestamps ISO strings, decimals numbers. */
export type Row = Readonly<Record<string, unknown>>;

export interface QueryResult {
  readonly columns: readonly ColumnSchema[];
  readonly rows: readonly Row[];
}

export interface EngineConnection {
  /** Run one or more statements; throws EngineError. Returns rows changed when DuckDB reports it. */
  run(sql: string): Promise<{ readonly rowsChanged: number }>;
  /** Run a query and return its rows. */
  query(sql: string): Promise<QueryResult>;
  /** Output columns of a query without executing it fully (`SELECT * FROM (sql) LIMIT 0`). */
  describeQuery(sql: string): Promise<readonly ColumnSchema[]>;
  /** Columns of an existing relation, in order; empty if it does not exist. */
  describeRelation(database: string, schema: string, name: string): Promise<readonly ColumnSchema[]>;
  /** 'table', 'view' or null when nothing of that name exists. */
  relationKind(database: string, schema: string, name: string): Promise<RelationKind | null>;
  /**
   * BEGIN; fn; COMMIT — or ROLLBACK when fn throws. Every statement's error is checked so a
   * transaction aborted by a runtime error can never commit silently.
   */
  transaction<T>(fn: (conn: EngineConnection) => Promise<T>): Promise<T>;
}

export interface Engine {
  /** Absolute path of the database file or ':memory:'. */
  readonly path: string;
  /** Catalog name DuckDB gives the database (for fully qualified names). */
  readonly database: string;
  /** A connection for exclusive use until released. The pool grows up to `threads`. */
  acquire(): Promise<PooledConnection>;
  /** Convenience: acquire, run fn, release. */
  withConnection<T>(fn: (conn: EngineConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PooledConnection extends EngineConnection {
  release(): void;
}

export interface EngineOptions {
  /** Absolute path or ':memory:'. */
  readonly path: string;
  readonly threads: number;
  readonly settings?: Readonly<Record<string, string | number | boolean>>;
  readonly extensions?: readonly string[];
  /** Databases to ATTACH (instance-wide, after the extensions are loaded); see AttachedDatabase. */
  readonly attach?: readonly AttachedDatabase[];
  readonly readOnly?: boolean;
  /**
   * The project folder: relative file paths in SQL (read_csv('data/x.csv'), a census_path var)
   * that are not found from the working directory are looked up here, through DuckDB's
   * `file_search_path` setting. Ignored when `settings` sets file_search_path itself.
   */
  readonly fileSearchPath?: string;
  /** Rows per row group when writing a database file; DEFAULT_ROW_GROUP_SIZE when unset (see open-database.ts). */
  readonly rowGroupSize?: number;
}
