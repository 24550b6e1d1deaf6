import { afterAll, beforeAll } from 'vitest';
import { openEngine } from '../../src/engine/index.js';
import type { Engine, PooledConnection } from '../../src/engine/index.js';

/** One in-memory DuckDB connection for a test file, opened before its tests (running `setupSql`) and closed after. */
export function memoryConnection(setupSql?: string): { readonly conn: PooledConnection; readonly database: string } {
  let engine: Engine | undefined;
  let conn: PooledConnection | undefined;
  beforeAll(async () => {
    engine = await openEngine({ path: ':memory:', threads: 1 });
    conn = await engine.acquire();
    if (setupSql) await conn.run(setupSql);
  });
  afterAll(async () => {
    conn?.release();
    await engine?.close();
  });
  return {
    get conn(): PooledConnection {
      if (!conn) throw new Error('memoryConnection: used outside of a test');
      return conn;
    },
    get database(): string {
      if (!engine) throw new Error('memoryConnection: used outside of a test');
      return engine.database;
    },
  };
}
