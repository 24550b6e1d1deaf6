// Python's list and dict methods (`.append()`, `.pop()`, `.items()`, `.get(k, d)`, `.update()`),
// with Python's return values (append returns None, pop returns the element).
import { splitArgs } from '../split-args.js';
import { eq } from './python-semantics.js';
import { isDict, tuple } from './python-str.js';

type ListMethod = (list: unknown[], args: unknown[]) => unknown;
type DictMethod = (dict: Record<string, unknown>, args: unknown[]) => unknown;

function keyError(key: unknown): Error {
  return new Error(`KeyError: ${JSON.stringify(key)}`);
}

function positionOf(list: unknown[], item: unknown): number {
  return list.findIndex((x) => eq(x, item));
}

export const LIST_METHODS: Readonly<Record<string, ListMethod>> = {
  append: (list, [item]) => {
    list.push(item);
    return null;
  },
  extend: (list, [items]) => {
    list.push(...(items as unknown[]));
    return null;
  },
  insert: (list, [index, item]) => {
    list.splice(Number(index), 0, item);
    return null;
  },
  pop: (list, [index]) => {
    if (list.length === 0) throw new Error('pop from empty list');
    const i = index === undefined ? list.length - 1 : Number(index) < 0 ? list.length + Number(index) : Number(index);
    if (i < 0 || i >= list.length) throw new Error('pop index out of range');
    return list.splice(i, 1)[0];
  },
  remove: (list, [item]) => {
    const i = positionOf(list, item);
    if (i < 0) throw new Error('list.remove(x): x not in list');
    list.splice(i, 1);
    return null;
  },
  index: (list, [item]) => {
    const i = positionOf(list, item);
    if (i < 0) throw new Error('list.index(x): x not in list');
    return i;
  },
  count: (list, [item]) => list.filter((x) => eq(x, item)).length,
  reverse: (list) => {
    list.reverse();
    return null;
  },
  sort: (list, args) => {
    const reverse = splitArgs(args).kwargs.reverse === true;
    list.sort((a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0) * (reverse ? -1 : 1));
    return null;
  },
  copy: (list) => [...list],
  clear: (list) => {
    list.length = 0;
    return null;
  },
};

export const DICT_METHODS: Readonly<Record<string, DictMethod>> = {
  items: (dict) => Object.entries(dict).map(tuple),
  keys: (dict) => Object.keys(dict),
  values: (dict) => Object.values(dict),
  get: (dict, [key, fallback]) => (Object.prototype.hasOwnProperty.call(dict, String(key)) ? dict[String(key)] : (fallback ?? null)),
  update: (dict, args) => {
    const { positional, kwargs } = splitArgs(args);
    const other = positional[0];
    if (isDict(other)) Object.assign(dict, other);
    else if (Array.isArray(other)) for (const [k, v] of other as [string, unknown][]) dict[k] = v;
    Object.assign(dict, kwargs);
    return null;
  },
  pop: (dict, [key, ...fallback]) => {
    const k = String(key);
    if (Object.prototype.hasOwnProperty.call(dict, k)) {
      const value = dict[k];
      delete dict[k];
      return value;
    }
    if (fallback.length > 0) return fallback[0];
    throw keyError(key);
  },
  setdefault: (dict, [key, fallback]) => {
    const k = String(key);
    if (!Object.prototype.hasOwnProperty.call(dict, k)) dict[k] = fallback ?? null;
    return dict[k];
  },
  copy: (dict) => ({ ...dict }),
  clear: (dict) => {
    for (const k of Object.keys(dict)) delete dict[k];
    return null;
  },
  has_key: (dict, [key]) => Object.prototype.hasOwnProperty.call(dict, String(key)),
};
