// Jinja's attribute and item lookup: `s.upper`, `list[-1]`, `d.items`, `d['key']`, `obj.method`.
import { DICT_METHODS, LIST_METHODS } from './container-methods.js';
import { STRING_METHODS } from './string-methods.js';
import { asString, isDict, isString } from './python-str.js';

const hasOwn = (obj: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(obj, key);

function index<T>(seq: ArrayLike<T>, key: number): T | undefined {
  return seq[key < 0 ? seq.length + key : key];
}

export function member(obj: unknown, key: unknown): unknown {
  if (obj === undefined || obj === null) return undefined;
  if (isString(obj)) {
    const s = asString(obj);
    if (typeof key === 'number') return index(s, key);
    const method = hasOwn(STRING_METHODS, key as string) ? STRING_METHODS[key as string] : undefined;
    return method ? (...args: unknown[]) => method(s, args) : undefined;
  }
  if (Array.isArray(obj)) {
    if (typeof key === 'number') return index(obj, key);
    const method = hasOwn(LIST_METHODS, key as string) ? LIST_METHODS[key as string] : undefined;
    if (method) return (...args: unknown[]) => method(obj, args);
    if (!hasOwn(obj, key as string)) return undefined;
    // Lists with attributes of their own (the rows and columns of a run_query() table).
    const own = (obj as unknown as Record<string, unknown>)[key as string];
    return typeof own === 'function' ? (own as (...a: unknown[]) => unknown).bind(obj) : own;
  }
  if (isDict(obj)) {
    const k = String(key);
    if (hasOwn(obj, k)) return obj[k];
    const method = hasOwn(DICT_METHODS, k) ? DICT_METHODS[k] : undefined;
    return method ? (...args: unknown[]) => method(obj, args) : undefined;
  }
  if (obj instanceof Map) return obj.get(key);
  const value = (obj as Record<string, unknown>)[key as string];
  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(obj) : value;
}

/** `{% set ns.x = v %}`: only namespaces (and dicts, leniently) take attributes. */
export function setAttribute(obj: unknown, key: unknown, value: unknown): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new Error(`cannot set attribute '${String(key)}': only a namespace() object can be assigned to`);
  }
  (obj as Record<string, unknown>)[String(key)] = value;
}
