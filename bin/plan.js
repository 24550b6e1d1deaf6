#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): this file runs before Node's ESM loader reads the
// bundle, and that loader's first asynchronous file read starts libuv's thread pool, whose size is
// fixed from UV_THREADPOOL_SIZE at that moment.
//
// Every DuckDB statement runs on a pool thread, and DuckDB keeps freed memory in per-thread caches.
// libuv's default of 4 threads lets a two-connection build spread its statements over 4 threads
// whose caches do not share, so a run touches more memory (each first touch is a page fault). On a
// machine with 2 cores, 2 pool threads run as many statements at once as the cores can, with less
// memory (60k x 5 simulate, this setting alone: page faults -9%, peak RSS -70 MB; with the jemalloc
// arena setting of src/engine/jemalloc-conf.ts, 0.78 -> 0.63 GB; bench/README.md). A value the
// user exported is left as it is.
const os = require('node:os');

if (process.env.UV_THREADPOOL_SIZE === undefined && os.availableParallelism() <= 2) {
  process.env.UV_THREADPOOL_SIZE = '2';
}

import('../dist/bundle/main.js').then(({ main }) =>
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }),
);
