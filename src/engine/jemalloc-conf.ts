import os from 'node:os';

/**
 * DuckDB's bundled jemalloc reads this variable once, when the library first allocates, so it is
 * set before the library is loaded (duckdb-module.ts imports this module first). A value the user
 * exported is left as it is. Both parts were measured on the 60k x 5 simulate (bench/README.md):
 * - Decay: the compiled-in decay gives freed pages back to the OS after about 1 s; a build that
 *   runs one statement after another then faults the same memory in again and again (on the 2-core
 *   benchmark VM a fault costs ~10 µs; faults were ~9% of the run's CPU). 10 s keeps a build's
 *   working memory between its statements and still returns it when a process such as `plan watch`
 *   goes idle.
 * - Arenas: jemalloc makes 4 arenas per core and spreads threads over them, so memory one thread
 *   frees is rarely reused by another. A build runs about as many threads as cores; on up to 4
 *   cores one shared arena reuses freed memory (page faults -10%, peak RSS ~-40 MB) and has too
 *   few threads to contend for it. Bigger machines keep jemalloc's default.
 */
const JEMALLOC_CONF = 'DUCKDB_JE_MALLOC_CONF';
const ARENAS = os.availableParallelism() <= 4 ? 'narenas:1,' : '';
process.env[JEMALLOC_CONF] ??= `${ARENAS}dirty_decay_ms:10000,muzzy_decay_ms:10000`;
