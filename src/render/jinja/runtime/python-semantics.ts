// Python truthiness, equality and comparison for template values (JS would coerce `1 == '1'`,
// and treat `[]` and `{}` as true).
import { isDict, isString, asString } from './python-str.js';

export function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0 && !Number.isNaN(value);
    case 'string':
      return value.length > 0;
    default:
      break;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (isString(value)) return asString(value).length > 0;
  if (isDict(value)) {
    for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
    return false;
  }
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  return true;
}

export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isString(a) && isString(b)) return asString(a) === asString(b);
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'boolean') && (tb === 'number' || tb === 'boolean')) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => eq(x, b[i]));
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && eq(a[k], b[k]));
  }
  return false;
}

export function ne(a: unknown, b: unknown): boolean {
  return !eq(a, b);
}

function comparable(v: unknown): unknown {
  return isString(v) ? asString(v) : v;
}

export function cmp(a: unknown, b: unknown, op: string): boolean {
  const x = comparable(a) as number;
  const y = comparable(b) as number;
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    default:
      throw new Error(`unknown comparison operator ${op}`);
  }
}
