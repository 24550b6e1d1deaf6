import type { KeyPath } from './yaml-document.js';

/**
 * `models.flagship.staging.+materialized`, `models[0].columns[2]`. Given the document's value,
 * list items that have a `name` show it instead of their index: `models[orders].columns[id]`.
 */
export function formatKeyPath(path: KeyPath, root?: unknown): string {
  let out = '';
  let node = root;
  for (const segment of path) {
    const child: unknown = Array.isArray(node) && typeof segment === 'number' ? node[segment] : isPlainObject(node) ? node[String(segment)] : undefined;
    if (typeof segment === 'number') {
      const name = isPlainObject(child) ? child.name : undefined;
      out += typeof name === 'string' || typeof name === 'number' ? `[${name}]` : `[${segment}]`;
    } else {
      out += out === '' ? segment : `.${segment}`;
    }
    node = child;
  }
  return out === '' ? '(top level)' : out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of what a value is, for "expected X, found Y" messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string '${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
  return `${typeof value} ${String(value)}`;
}
