import { createHash } from 'node:crypto';

/** Keys of a test declaration that configure it rather than parametrize it (dbt's MODIFIER_ARGS). */
const MODIFIER_ARGS = new Set([
  'severity', 'tags', 'enabled', 'where', 'config', 'limit', 'warn_if', 'error_if', 'fail_calc',
  'store_failures', 'store_failures_as', 'meta', 'database', 'schema', 'alias', 'name', 'description',
]);

/** Python's str() of a YAML value, which is what dbt puts into test names. */
function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return pyRepr(value);
}

function pyRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `'${k}': ${pyRepr(v)}`).join(', ')}}`;
  }
  return pyStr(value);
}

/**
 * dbt's name for a generic test (`synthesize_generic_test_names`):
 * `<namespace_><test>_<model>_<args flattened, sorted by arg name, joined by __>`, e.g.
 * `accepted_values_orders_status__a__b`. Names of 64 characters or more become the first 30
 * characters of `<test>_<model>` plus `_` and the md5 of the full name.
 *
 * `modelName` is the model or seed name; for a source table pass `<source>_<table>` as dbt does.
 */
export function genericTestName(
  testName: string,
  namespace: string | undefined,
  modelName: string,
  columnName: string | undefined,
  kwargs: Readonly<Record<string, unknown>>,
): string {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kwargs)) if (!MODIFIER_ARGS.has(key) && key !== 'model') args[key] = value;
  if (columnName !== undefined) args.column_name = columnName;

  const flat: string[] = [];
  for (const key of Object.keys(args).sort()) {
    const value = args[key];
    const parts = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? Object.values(value) : [value];
    flat.push(...parts.map(pyStr));
  }
  const unique = flat.map((a) => a.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const identifier = `${namespace ? `${namespace}_` : ''}${testName}_${modelName}`;
  const fullName = `${identifier}_${unique}`;
  if (fullName.length < 64) return fullName;
  return `${identifier.slice(0, 30)}_${createHash('md5').update(fullName, 'utf8').digest('hex')}`;
}
