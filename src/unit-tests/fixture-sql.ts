import type { ColumnSchema, Row } from '../engine/types.js';
import { quoteIdent } from '../manifest/types.js';
import { ConfigError } from '../errors/plan-error.js';
import type { UnitTestRows } from '../project/types.js';
import { parseCsv, CsvError } from './parse-csv.js';
import { sqlLiteral } from './sql-literal.js';

/** Where a fixture was declared, for error messages. */
export interface FixtureContext {
  /** e.g. "given ref('stg_orders')" or 'expect'. */
  readonly label?: string;
  readonly file?: string;
  readonly line?: number;
  readonly node?: string;
}

/** The rows of a dict or csv fixture, keyed by the names given in the fixture. */
export function fixtureRows(input: UnitTestRows | readonly Row[], context: FixtureContext = {}): { readonly columns: readonly string[]; readonly rows: readonly Row[] } {
  if (Array.isArray(input)) return { columns: columnsOf(input as readonly Row[]), rows: input as readonly Row[] };
  const fixture = input as UnitTestRows;
  if (fixture.format === 'csv') {
    let parsed;
    try {
      parsed = parseCsv(fixture.csv ?? '');
    } catch (error) {
      const line = error instanceof CsvError && context.line !== undefined ? context.line + error.line : context.line;
      throw new ConfigError('unit_test.bad_csv', `Invalid csv in ${context.label ?? 'fixture'}: ${(error as Error).message}`, {
        file: context.file,
        line,
        node: context.node,
        hint: 'the first line is the header; every line needs as many fields as the header',
      });
    }
    const rows = parsed.rows.map((fields) => Object.fromEntries(parsed.header.map((h, i) => [h, fields[i]])));
    return { columns: parsed.header, rows };
  }
  if (fixture.format === 'sql') {
    throw new ConfigError('unit_test.sql_fixture', `${context.label ?? 'fixture'} uses format: sql, which has no rows to read`, { file: context.file, line: context.line, node: context.node });
  }
  const rows = fixture.rows ?? [];
  return { columns: columnsOf(rows), rows };
}

function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Map<string, string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  return [...seen.values()];
}

function valueOf(row: Row, column: string): unknown {
  if (column in row) return row[column];
  const key = Object.keys(row).find((k) => k.toLowerCase() === column.toLowerCase());
  return key === undefined ? null : row[key];
}

/**
 * A query producing a fixture's rows with the input relation's columns and types:
 * `select cast(1 as INTEGER) as "id", cast(NULL as VARCHAR) as "name" union all ...`.
 * Columns the fixture leaves out are NULL of their type, as in dbt. A column the relation does
 * not have is an error. With no known schema (empty `columns`), the fixture's own names are
 * used and values keep DuckDB's literal types.
 */
export function fixtureSql(input: UnitTestRows | readonly Row[], columns: readonly ColumnSchema[], context: FixtureContext = {}): string {
  if (!Array.isArray(input) && (input as UnitTestRows).format === 'sql') return (input as UnitTestRows).sql ?? '';
  const { columns: given, rows } = fixtureRows(input, context);

  if (columns.length > 0) {
    const known = new Set(columns.map((c) => c.name.toLowerCase()));
    const unknown = given.filter((g) => !known.has(g.toLowerCase()));
    if (unknown.length > 0) {
      throw new ConfigError(
        'unit_test.unknown_column',
        `${context.label ?? 'Fixture'} names column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')} which the relation does not have (it has ${columns.map((c) => c.name).join(', ')})`,
        { file: context.file, line: context.line, node: context.node, hint: 'fix the column name in the fixture, or add the column to the upstream model' },
      );
    }
  }
  const target: readonly ColumnSchema[] = columns.length > 0 ? columns : given.map((name) => ({ name, type: '' }));
  if (target.length === 0) return 'select NULL as "_empty_fixture" where false';

  const cell = (value: unknown, column: ColumnSchema): string =>
    `${column.type ? `cast(${sqlLiteral(value)} as ${column.type})` : sqlLiteral(value)} as ${quoteIdent(column.name)}`;

  if (rows.length === 0) return `select ${target.map((c) => cell(null, c)).join(', ')} where false`;
  return rows.map((row) => `select ${target.map((c) => cell(valueOf(row, c.name), c)).join(', ')}`).join('\nunion all\n');
}
