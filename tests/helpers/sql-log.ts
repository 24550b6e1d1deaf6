import type { EngineConnection } from '../../src/engine/index.js';

/** Run `fn` with DuckDB's own query log on, and return the statements the database received meanwhile. */
export async function withSqlLog<T>(conn: EngineConnection, fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  await conn.run("CALL enable_logging('QueryLog')");
  try {
    const result = await fn();
    const { rows } = await conn.query("SELECT message FROM duckdb_logs WHERE type = 'QueryLog'");
    return { result, statements: rows.map((r) => String(r.message)) };
  } finally {
    await conn.run('CALL disable_logging()');
    await conn.run('CALL truncate_duckdb_logs()');
  }
}
