// Jinja's filters over sequences where nunjucks lacks them or differs: unique, map, select/reject,
// selectattr/rejectattr with a test, list of a dict (its keys), join/sum with keywords, groupby.
import { argument, splitArgs } from '../split-args.js';
import { truthy } from '../runtime/python-semantics.js';
import { asString, isDict, isString, pyStr, tuple } from '../runtime/python-str.js';

interface FilterContext {
  readonly env: {
    getFilter(name: string): (this: unknown, ...args: unknown[]) => unknown;
    getTest(name: string): (this: unknown, ...args: unknown[]) => unknown;
  };
}
type Filter = (this: FilterContext, value: unknown, ...args: unknown[]) => unknown;

export function toList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isString(value)) return [...asString(value)];
  if (isDict(value)) return Object.keys(value);
  if (typeof value === 'object' && Symbol.iterator in value) return [...(value as Iterable<unknown>)];
  throw new Error(`${pyStr(value)} is not iterable`);
}

/** `attribute='a.b'` and `attribute=0` as Jinja's make_attrgetter. */
function attribute(item: unknown, path: unknown): unknown {
  let value = item;
  for (const part of String(path).split('.')) {
    if (value === null || value === undefined) return undefined;
    const key = /^\d+$/.test(part) && Array.isArray(value) ? Number(part) : part;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function testSelector(ctx: FilterContext, args: unknown[]): (v: unknown) => boolean {
  const [testName, ...testArgs] = args;
  if (testName === undefined) return truthy;
  const test = ctx.env.getTest(String(testName));
  return (v) => test.call(ctx, v, ...testArgs) === true;
}

function select(keep: boolean, byAttribute: boolean): Filter {
  return function (this: FilterContext, value: unknown, ...rest: unknown[]): unknown[] {
    const args = byAttribute ? rest.slice(1) : rest;
    const matches = testSelector(this, args);
    return toList(value).filter((item) => matches(byAttribute ? attribute(item, rest[0]) : item) === keep);
  };
}

function foldCase(v: unknown, caseSensitive: boolean): unknown {
  return !caseSensitive && isString(v) ? asString(v).toLowerCase() : v;
}

export const COLLECTION_FILTERS: Readonly<Record<string, Filter>> = {
  list: (value) => [...toList(value)],
  unique(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    const caseSensitive = argument(positional, kwargs, 0, 'case_sensitive', false) === true;
    const attr = argument(positional, kwargs, 1, 'attribute');
    const seen = new Set<unknown>();
    return toList(value).filter((item) => {
      const key = foldCase(attr === undefined ? item : attribute(item, attr), caseSensitive);
      const id = key !== null && typeof key === 'object' ? JSON.stringify(key) : key;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  },
  map(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    const items = toList(value);
    if (kwargs.attribute !== undefined) {
      return items.map((item) => attribute(item, kwargs.attribute) ?? kwargs.default);
    }
    const [name, ...filterArgs] = positional;
    const filter = this.env.getFilter(String(name));
    const extra = Object.keys(kwargs).length > 0 ? [...filterArgs, { ...kwargs, __keywords: true }] : filterArgs;
    return items.map((item) => filter.call(this, item, ...extra));
  },
  select: select(true, false),
  reject: select(false, false),
  selectattr: select(true, true),
  rejectattr: select(false, true),
  join(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    const separator = pyStr(argument(positional, kwargs, 0, 'd', ''));
    const attr = argument(positional, kwargs, 1, 'attribute');
    return toList(value)
      .map((item) => pyStr(attr === undefined ? item : attribute(item, attr)))
      .join(separator);
  },
  sum(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    const attr = argument(positional, kwargs, 0, 'attribute');
    const start = argument(positional, kwargs, 1, 'start', 0) as number;
    return toList(value).reduce<number>((total, item) => total + ((attr === undefined ? item : attribute(item, attr)) as number), start);
  },
  min: (value) => extreme(toList(value), -1),
  max: (value) => extreme(toList(value), 1),
  groupby(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    const attr = argument(positional, kwargs, 0, 'attribute');
    const groups = new Map<unknown, unknown[]>();
    for (const item of toList(value)) {
      const key = attribute(item, attr);
      const group = groups.get(key) ?? [];
      group.push(item);
      groups.set(key, group);
    }
    return [...groups.keys()]
      .sort((a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0))
      .map((key) => Object.assign([key, groups.get(key)!], { grouper: key, list: groups.get(key)! }));
  },
  items: (value) => (isDict(value) ? Object.entries(value) : value instanceof Map ? [...value.entries()] : []).map(tuple),
};

function extreme(items: unknown[], sign: number): unknown {
  let best: unknown = undefined;
  for (const item of items) if (best === undefined || (sign > 0 ? (item as number) > (best as number) : (item as number) < (best as number))) best = item;
  return best;
}
