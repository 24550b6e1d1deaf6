// Python's str() and repr() of template values, so `{{ x }}`, `~` and `join` print what Jinja prints.
import { runtime } from '../nunjucks-internals.js';

const SafeString = runtime.SafeString;
const TUPLE = Symbol('jinja.tuple');

/** Marks an array as a Python tuple, so it prints as `(1, 2)`. */
export function tuple<T>(items: T[]): T[] {
  Object.defineProperty(items, TUPLE, { value: true });
  return items;
}

/** A Python dict: a plain object (not an array, class instance, Map or SafeString). */
/** Objects with this key set pass Jinja's `is mapping` test (dbt's Relation objects are mappings). */
export const JINJA_MAPPING = Symbol.for('plan.jinja.mapping');

export function isMappingLike(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[JINJA_MAPPING] === true;
}

export function isDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isString(value: unknown): value is string | { val: string } {
  return typeof value === 'string' || value instanceof SafeString;
}

/** The primitive string of a string or SafeString. */
export function asString(value: string | { val: string }): string {
  return typeof value === 'string' ? value : value.val;
}

function numberStr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

export function pyStr(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'undefined':
      return '';
    case 'number':
      return numberStr(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'bigint':
      return value.toString();
    case 'function':
      return `<function ${value.name || 'anonymous'}>`;
    default:
      if (value === null) return 'None';
      if (value instanceof SafeString) return (value as { val: string }).val;
      if (Array.isArray(value) || isDict(value)) return pyRepr(value);
      return String(value);
  }
}

export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value instanceof SafeString) return quote((value as { val: string }).val);
  if (value === undefined) return 'None';
  if (Array.isArray(value)) {
    const items = value.map(pyRepr).join(', ');
    if (!(TUPLE in value)) return `[${items}]`;
    return value.length === 1 ? `(${items},)` : `(${items})`;
  }
  if (isDict(value)) {
    const items = Object.keys(value).map((k) => `${quote(k)}: ${pyRepr(value[k])}`);
    return `{${items.join(', ')}}`;
  }
  return pyStr(value);
}

function quote(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    if (ch === q || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return out + q;
}
