/**
 * DuckDB's bundled jemalloc reads this variable once, when the library first allocates, so it is
 * set before the library is loaded (duckdb-module.ts imports this module first). Its compiled-in
 * decay gives freed pages back to the OS after about 1 s; a build that runs one statement after
 * another then faults the same memory in again and again (on the 2-core benchmark VM a fault costs
 * ~10 µs; faults were ~9% of a 60k x 5 simulate's CPU, see bench/README.md). 10 s keeps a build's
 * working memory between its statements and still returns it when a process such as `plan watch`
 * goes idle. A value the user exported is left as it is.
 */
const JEMALLOC_CONF = 'DUCKDB_JE_MALLOC_CONF';
process.env[JEMALLOC_CONF] ??= 'dirty_decay_ms:10000,muzzy_decay_ms:10000';
