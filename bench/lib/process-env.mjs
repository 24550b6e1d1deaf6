// The process settings plan gives itself (bin/plan.js: libuv's thread pool; src/engine/jemalloc-conf.ts:
// DuckDB's allocator), for the direct-DuckDB baselines: a comparison is then of the statements sent,
// not of the allocator or the thread pool. Keep in step with those two files.
import os from 'node:os';

const cores = os.availableParallelism();

/** Environment for a baseline process (values the user exported win). */
export function toolProcessEnv(env = process.env) {
  return {
    DUCKDB_JE_MALLOC_CONF: env.DUCKDB_JE_MALLOC_CONF ?? `${cores <= 4 ? 'narenas:1,' : ''}dirty_decay_ms:10000,muzzy_decay_ms:10000`,
    ...(env.UV_THREADPOOL_SIZE === undefined && cores <= 2 ? { UV_THREADPOOL_SIZE: '2' } : {}),
  };
}
