import { argument, splitArgs } from './jinja/split-args.js';

/**
 * dbt's cross-database macros (dbt-core's global project, `macros/utils/`), as dbt-duckdb renders
 * them. They are plain text templates, so they are JS functions here (free to install, where a
 * macro file costs ~20 ms to compile in every process). `{{ dbt.dateadd('day', 1, 'd') }}` always
 * reaches these; an unqualified `{{ dateadd(...) }}` reaches a project macro of the same name if
 * there is one, as in dbt; adapter.dispatch('dateadd', 'dbt') finds them too.
 */
type Params = readonly (readonly [name: string, fallback?: unknown])[];

function sqlMacro(params: Params, body: (...values: string[]) => string): (...raw: unknown[]) => string {
  return (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    const values = params.map(([name, fallback], i) => argument(positional, kwargs, i, name, fallback));
    return body(...values.map((v) => (v === null || v === undefined ? '' : String(v))));
  };
}

export const CROSS_DATABASE_MACROS: Readonly<Record<string, (...raw: unknown[]) => string>> = {
  type_string: sqlMacro([], () => 'VARCHAR'),
  type_timestamp: sqlMacro([], () => 'TIMESTAMP'),
  type_float: sqlMacro([], () => 'FLOAT'),
  type_numeric: sqlMacro([], () => 'NUMERIC(28,6)'),
  type_bigint: sqlMacro([], () => 'BIGINT'),
  type_int: sqlMacro([], () => 'INTEGER'),
  type_boolean: sqlMacro([], () => 'BOOLEAN'),

  current_timestamp: sqlMacro([], () => 'now()'),
  current_timestamp_backcompat: sqlMacro([], () => 'now()::TIMESTAMP'),
  current_timestamp_in_utc_backcompat: sqlMacro([], () => 'now()::TIMESTAMP'),
  snapshot_get_time: sqlMacro([], () => 'now()::TIMESTAMP'),

  date_trunc: sqlMacro([['datepart'], ['date']], (part, date) => `date_trunc('${part}', ${date})`),
  dateadd: sqlMacro([['datepart'], ['interval'], ['from_date_or_timestamp']], (part, n, from) => `date_add(${from}, interval (${n}) ${part})`),
  datediff: sqlMacro([['first_date'], ['second_date'], ['datepart']], (first, second, part) => `date_diff('${part}', ${first}::TIMESTAMP, ${second}::TIMESTAMP)`),
  last_day: sqlMacro([['date'], ['datepart']], (date, part) => `CAST(date_trunc('${part}', ${date}) + interval 1 ${part} - interval 1 day AS DATE)`),
  date: sqlMacro([['year'], ['month'], ['day']], (y, m, d) => `make_date(${y}, ${m}, ${d})`),

  concat: (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    const fields = argument(positional, kwargs, 0, 'fields', []);
    return (Array.isArray(fields) ? fields : [fields]).map(String).join(' || ');
  },
  hash: sqlMacro([['field']], (field) => `md5(CAST(${field} AS VARCHAR))`),
  cast: sqlMacro([['field'], ['type']], (field, type) => `CAST(${field} AS ${type})`),
  safe_cast: sqlMacro([['field'], ['type']], (field, type) => `TRY_CAST(${field} AS ${type})`),
  cast_bool_to_text: sqlMacro([['field']], (field) => `CAST(${field} AS VARCHAR)`),
  split_part: sqlMacro([['string_text'], ['delimiter_text'], ['part_number']], (text, delimiter, part) => `string_split(${text}, ${delimiter})[${part}]`),
  string_literal: sqlMacro([['value']], (value) => `'${value}'`),
  escape_single_quotes: sqlMacro([['expression']], (expression) => expression.replaceAll("'", "''")),
  position: sqlMacro([['substring_text'], ['string_text']], (sub, text) => `position(${sub} in ${text})`),
  replace: sqlMacro([['field'], ['old_chars'], ['new_chars']], (field, from, to) => `replace(${field}, ${from}, ${to})`),
  right: sqlMacro([['string_text'], ['length_expression']], (text, n) => `right(${text}, ${n})`),
  length: sqlMacro([['expression']], (expression) => `length(${expression})`),

  any_value: sqlMacro([['expression']], (expression) => `any_value(${expression})`),
  bool_or: sqlMacro([['expression']], (expression) => `bool_or(${expression})`),
  listagg: sqlMacro([['measure'], ['delimiter_text', "','"], ['order_by_clause'], ['limit_num']], (measure, delimiter, orderBy, limit) => {
    const order = orderBy ? ` ${orderBy}` : '';
    return limit ? `array_to_string(list_slice(list(${measure}${order}), 1, ${limit}), ${delimiter})` : `string_agg(${measure}, ${delimiter}${order})`;
  }),

  except: sqlMacro([], () => 'except'),
  intersect: sqlMacro([], () => 'intersect'),
  array_construct: (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    const inputs = argument(positional, kwargs, 0, 'inputs', []);
    const list = Array.isArray(inputs) ? inputs.map(String) : [];
    return list.length > 0 ? `[${list.join(', ')}]` : `CAST([] AS ${String(argument(positional, kwargs, 1, 'data_type', 'INTEGER'))}[])`;
  },
  array_append: sqlMacro([['array'], ['new_element']], (array, element) => `list_append(${array}, ${element})`),
  array_concat: sqlMacro([['array_1'], ['array_2']], (a, b) => `list_concat(${a}, ${b})`),
};
