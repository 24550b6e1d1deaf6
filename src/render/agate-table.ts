import type { QueryResult } from '../engine/types.js';

/**
 * What run_query() and load_result(...).table give templates: the parts of dbt's agate.Table that
 * dbt projects and packages use. The table is also a list of its rows (`for row in table`,
 * `table | length`, `table[0][0]`); a row is a list with its values also under the column names
 * (`row[0]`, `row['id']`, `row.id`, `row.keys()`); `table.columns[0]` or `table.columns['id']`
 * is a list of one column's values with `values()`.
 */
export type AgateTable = unknown[][] & {
  readonly rows: unknown[][];
  readonly columns: AgateColumn[];
  readonly column_names: string[];
  readonly column_types: string[];
  print_table(): string;
};

export type AgateColumn = unknown[] & { readonly name: string; readonly data_type: string; values(): unknown[] };

export function agateTable(result: QueryResult, log: (message: string) => void = () => undefined): AgateTable {
  const names = result.columns.map((c) => c.name);
  const types = result.columns.map((c) => c.type);
  const rows = result.rows.map((record) => agateRow(names.map((name) => record[name] ?? null), names));
  const columns = names.map((name, i) =>
    withMethods(
      rows.map((row) => row[i]),
      { name, data_type: types[i] },
      { values: seqValues, values_distinct: distinctValues, values_without_nulls: withoutNulls },
    ),
  );
  byName(columns, names);
  const table = withMethods([...rows], { rows, columns, column_names: names, column_types: types }, { print_table: () => printTable(names, rows, log) });
  return table as AgateTable;
}

function agateRow(values: unknown[], names: readonly string[]): unknown[] {
  const row = withMethods(values, {}, {
    keys: () => [...names],
    values: seqValues,
    items(this: unknown[]) {
      return names.map((name, i) => [name, this[i]]);
    },
    dict(this: unknown[]) {
      return Object.fromEntries(names.map((name, i) => [name, this[i]]));
    },
    get(this: unknown[], key: unknown, fallback: unknown = null) {
      const i = typeof key === 'number' ? key : names.indexOf(String(key));
      return i >= 0 && i < this.length ? this[i] : fallback;
    },
  });
  byName(row, names);
  return row;
}

/** Also reachable by column name, unless the name is an index or already means something on a list. */
function byName(list: unknown[], names: readonly string[]): void {
  names.forEach((name, i) => {
    if (/^\d+$/.test(name) || name in list) return;
    Object.defineProperty(list, name, { value: list[i], enumerable: false });
  });
}

function withMethods<T extends unknown[]>(list: T, fields: Record<string, unknown>, methods: Record<string, (this: unknown[], ...args: never[]) => unknown>): T {
  for (const [key, value] of Object.entries({ ...fields, ...methods })) Object.defineProperty(list, key, { value, enumerable: false });
  return list;
}

function seqValues(this: unknown[]): unknown[] {
  return [...this];
}

function distinctValues(this: unknown[]): unknown[] {
  return [...new Set(this)];
}

function withoutNulls(this: unknown[]): unknown[] {
  return this.filter((v) => v !== null && v !== undefined);
}

function printTable(names: readonly string[], rows: readonly unknown[][], log: (message: string) => void): string {
  const lines = [`| ${names.join(' | ')} |`, ...rows.map((row) => `| ${row.map((v) => (v === null ? '' : String(v))).join(' | ')} |`)];
  log(lines.join('\n'));
  return '';
}
