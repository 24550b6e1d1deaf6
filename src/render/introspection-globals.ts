import type { QueryResult } from '../engine/types.js';
import { RenderError } from '../errors/plan-error.js';
import { agateTable, type AgateTable } from './agate-table.js';
import type { GlobalsHost } from './globals.js';
import { answer } from './introspection.js';
import type { JinjaEnvironment } from './jinja/index.js';
import { splitArgs } from './jinja/index.js';
import { RelationObject, sqlLiteral } from './relation-object.js';

/**
 * dbt's globals that query the database while rendering: run_query(), {% call statement() %} with
 * load_result(), load_relation() and adapter.get_columns_in_relation() / get_relation(). As in dbt,
 * they do nothing while the project is parsed (`execute` is false: run_query returns none); when a
 * node is rendered to run, each query runs once (see introspection.ts).
 */
export function installIntrospectionGlobals(env: JinjaEnvironment, host: GlobalsHost, adapter: Record<string, unknown>): void {
  const where = (): { file: string; node: string } => ({ file: host.frame().file, node: host.frame().nodeName });
  const log = (message: string): void => emitLog(host, message);
  /** The query's result when rendering to run; undefined while parsing. */
  const query = (sql: string, what: string): QueryResult | undefined => {
    const frame = host.frame();
    if (frame.mode === 'parse') return undefined;
    return answer(frame.introspection, sql, where(), what);
  };

  env.addGlobal('run_query', (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    const result = query(requireSql(positional[0] ?? kwargs.sql, 'run_query()', where()), 'run_query()');
    return result ? agateTable(result, log) : null;
  });

  env.addGlobal('statement', (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    const name = positional[0] ?? kwargs.name ?? null;
    const fetchResult = Boolean(positional[1] ?? kwargs.fetch_result ?? false);
    const caller = kwargs.caller;
    const sql = typeof caller === 'function' ? String((caller as () => unknown)()) : '';
    if (sql.trim() === '') return '';
    const result = query(sql, '{% call statement() %}');
    const state = host.frame().introspection;
    if (result && state && name !== null && name !== undefined) state.statements.set(String(name), loadResult(result, fetchResult, log));
    return '';
  });

  env.addGlobal('load_result', (name: unknown) => host.frame().introspection?.statements.get(String(name)) ?? null);

  const getRelation = (database: unknown, schema: unknown, identifier: unknown): RelationObject | null => {
    const result = query(
      `select table_catalog, table_schema, table_name from information_schema.tables ` +
        `where lower(table_catalog) = lower(${sqlLiteral(database)}) and lower(table_schema) = lower(${sqlLiteral(schema)}) and lower(table_name) = lower(${sqlLiteral(identifier)})`,
      'adapter.get_relation()',
    );
    const row = result?.rows[0];
    if (!row) return null;
    return new RelationObject({ database: String(row.table_catalog), schema: String(row.table_schema), identifier: String(row.table_name) });
  };
  adapter.get_relation = (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    return getRelation(positional[0] ?? kwargs.database, positional[1] ?? kwargs.schema, positional[2] ?? kwargs.identifier);
  };
  env.addGlobal('load_relation', (relation: unknown) => {
    if (host.frame().mode === 'parse') return null;
    const r = relationParts(relation, 'load_relation()', where());
    return getRelation(r.database, r.schema, r.identifier);
  });
  adapter.get_columns_in_relation = (relation: unknown) => {
    if (host.frame().mode === 'parse') return [];
    const r = relationParts(relation, 'adapter.get_columns_in_relation()', where());
    const result = query(
      `select column_name, data_type from information_schema.columns ` +
        `where lower(table_catalog) = lower(${sqlLiteral(r.database)}) and lower(table_schema) = lower(${sqlLiteral(r.schema)}) and lower(table_name) = lower(${sqlLiteral(r.identifier)}) ` +
        `order by ordinal_position`,
      'adapter.get_columns_in_relation()',
    );
    return (result?.rows ?? []).map((row) => columnObject(String(row.column_name), String(row.data_type)));
  };
}

/** log()/print(): buffered while a render may be repeated for its queries, printed directly otherwise. */
export function emitLog(host: GlobalsHost, message: string): void {
  const state = host.frame().introspection;
  if (state) state.logs.push(message);
  else host.log(message);
}

function requireSql(value: unknown, what: string, where: { file: string; node: string }): string {
  if (typeof value === 'string' || (value !== null && typeof value === 'object')) return String(value);
  throw new RenderError('render.query_argument', `${what} needs the SQL to run as its first argument`, where);
}

function relationParts(relation: unknown, what: string, where: { file: string; node: string }): { database: string; schema: string; identifier: string } {
  if (relation instanceof RelationObject) return relation;
  throw new RenderError('render.relation_argument', `${what} needs a relation such as ref('name'), source('src', 'table') or this`, where);
}

/** dbt's load_result(name): the response, the rows as lists, and the table. */
function loadResult(result: QueryResult, fetch: boolean, log: (message: string) => void): { response: Record<string, unknown>; data: unknown[][]; table: AgateTable } {
  const table = agateTable(fetch ? result : { columns: result.columns, rows: [] }, log);
  return { response: { _message: 'OK', code: 'OK', rows_affected: result.rows.length }, data: table.rows.map((row) => [...row]), table };
}

/** dbt's Column: name, data type and the checks macros such as dbt_utils.star use. */
export function columnObject(name: string, dataType: string): Record<string, unknown> {
  const upper = dataType.toUpperCase();
  const isString = /^(VARCHAR|CHAR|BPCHAR|TEXT|STRING)/.test(upper);
  const isInteger = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT)/.test(upper);
  const isFloat = /^(FLOAT|REAL|DOUBLE)/.test(upper);
  const isNumeric = /^(DECIMAL|NUMERIC)/.test(upper);
  return {
    name,
    column: name,
    data_type: dataType,
    dtype: dataType,
    quoted: `"${name.replaceAll('"', '""')}"`,
    is_string: () => isString,
    is_integer: () => isInteger,
    is_float: () => isFloat,
    is_numeric: () => isNumeric,
    is_number: () => isInteger || isFloat || isNumeric,
    // DuckDB's VARCHAR has no length: dbt's Column answers 256 for a string without a size.
    string_size: () => 256,
    char_size: null,
    literal: (value: unknown) => `CAST('${String(value).replaceAll("'", "''")}' AS ${dataType})`,
    toString: () => name,
  };
}
