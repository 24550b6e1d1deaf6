// First: it sets jemalloc's configuration, which the library reads when it loads.
import './jemalloc-conf.js';
import type * as DuckDB from '@duckdb/node-api';
import duckdbApi from '@duckdb/node-api';

/**
 * @duckdb/node-api's JavaScript is bundled into dist/bundle (rolldown.config.mjs): loaded as ~50
 * CommonJS files, resolving and compiling them took ~70 ms of every command that opens a database.
 * Its native part, @duckdb/node-bindings, stays external.
 */
const duckdb = duckdbApi as typeof DuckDB;

export const { DuckDBInstance, DuckDBTypeId, JsonDuckDBValueConverter } = duckdb;
export type DuckDBInstance = DuckDB.DuckDBInstance;
export type DuckDBTypeId = DuckDB.DuckDBTypeId;
