import path from 'node:path';
import { DuckDBInstance } from './duckdb-module.js';
import { quoteLiteral } from './sql-text.js';
import { logOpen } from './sql-log.js';

/**
 * Rows per row group of the database files plan writes (DuckDB's own default is 122,880).
 * DuckDB scans a table in parallel one row group at a time, so a table of 60-120k rows is read by
 * one thread whatever the core count; with smaller groups the yearly models of a simulation use
 * every core (60k x 5 simulate, 2 cores: 14.1-14.6 s -> 11.2-11.3 s). The file stays a plain
 * DuckDB file (any DuckDB opens it); the size only shapes how new rows are grouped.
 */
export const DEFAULT_ROW_GROUP_SIZE = 16_384;
const DUCKDB_ROW_GROUP_SIZE = 122_880;

/**
 * An in-memory instance created ahead of need (startDatabaseInstance), for the next open that
 * attaches a database file or asks for ':memory:'.
 */
let spareInstance: Promise<DuckDBInstance | undefined> | undefined;

/**
 * Start DuckDB's ~50 ms of instance start-up (it runs on a libuv pool thread) while the caller
 * reads and renders the project. Creating an in-memory instance touches no file, so a project
 * that fails to render leaves its database as it was. A failure here is ignored: the open that
 * needs an instance creates its own and reports its own error.
 */
export function startDatabaseInstance(): void {
  spareInstance ??= DuckDBInstance.create(':memory:').catch(() => undefined);
}

/** The instance started ahead of need, if any (each is handed out once), else a new in-memory one. */
export async function memoryInstance(): Promise<DuckDBInstance> {
  const spare = spareInstance;
  spareInstance = undefined;
  return (await spare) ?? (await DuckDBInstance.create(':memory:'));
}

/** The catalog each instance opened through ATTACH uses by default; every connection must USE it. */
const attachedCatalogs = new WeakMap<DuckDBInstance, string>();

export function attachedCatalogOf(instance: DuckDBInstance): string | undefined {
  return attachedCatalogs.get(instance);
}

/**
 * Open a database file. DuckDB takes a row group size only as an ATTACH option, so a file written
 * with a non-default size is attached to an in-memory instance under the name DuckDB would give
 * it when opened directly (the file's stem), and connections USE it. Read-only opens, DuckDB's
 * own size and a file whose name would clash with the instance's `memory` catalog open the file
 * directly.
 */
export async function openDatabaseFile(dbPath: string, readOnly: boolean, rowGroupSize = DEFAULT_ROW_GROUP_SIZE): Promise<DuckDBInstance> {
  // A file named memory.* would be attached as "memory", the name the in-memory instance's own catalog has.
  const takesMemoryName = path.basename(dbPath).split('.')[0].toLowerCase() === 'memory';
  if (readOnly || rowGroupSize === DUCKDB_ROW_GROUP_SIZE || takesMemoryName) {
    const instance = await DuckDBInstance.create(dbPath, readOnly ? { access_mode: 'READ_ONLY' } : {});
    logOpen(instance, dbPath, readOnly);
    return instance;
  }
  const instance = await memoryInstance();
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH ${quoteLiteral(dbPath)} (ROW_GROUP_SIZE ${rowGroupSize})`);
    // The one database besides the instance's own (memory) and DuckDB's internal ones (system, temp).
    const reader = await conn.runAndReadAll(`SELECT database_name AS name FROM duckdb_databases() WHERE NOT internal AND database_name <> 'memory'`);
    const [attached] = reader.getRowObjectsJson();
    if (!attached) throw new Error(`${dbPath} was attached but is not among the databases DuckDB lists`);
    attachedCatalogs.set(instance, String(attached.name));
  } catch (error) {
    conn.closeSync();
    instance.closeSync();
    throw error;
  }
  conn.closeSync();
  logOpen(instance, dbPath, readOnly, rowGroupSize);
  return instance;
}
