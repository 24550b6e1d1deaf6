import { createRequire } from 'node:module';
import type * as DuckDB from '@duckdb/node-api';

/**
 * @duckdb/node-api, loaded with require(). Imported from an ES module, Node would first lex the
 * library's CommonJS files to find their named exports: about 50 ms of every command's start-up.
 */
const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDB;

export const { DuckDBInstance, DuckDBTypeId, JsonDuckDBValueConverter } = duckdb;
export type DuckDBInstance = DuckDB.DuckDBInstance;
export type DuckDBTypeId = DuckDB.DuckDBTypeId;
