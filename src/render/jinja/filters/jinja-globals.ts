// Jinja's global functions nunjucks lacks: namespace(), dict(), zip(), and dbt's return().
import { splitArgs } from '../split-args.js';
import { returnValue } from '../runtime/macro-call.js';
import { isDict, tuple } from '../runtime/python-str.js';
import { toList } from './collection-filters.js';

export const JINJA_GLOBALS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  namespace(...args) {
    const { positional, kwargs } = splitArgs(args);
    const initial = isDict(positional[0]) ? positional[0] : {};
    return { ...initial, ...kwargs };
  },
  dict(...args) {
    const { positional, kwargs } = splitArgs(args);
    const initial = isDict(positional[0]) ? positional[0] : Object.fromEntries(toList(positional[0]) as [string, unknown][]);
    return { ...initial, ...kwargs };
  },
  zip(...args) {
    const lists = splitArgs(args).positional.map(toList);
    const length = lists.length === 0 ? 0 : Math.min(...lists.map((l) => l.length));
    return Array.from({ length }, (_, i) => tuple(lists.map((l) => l[i])));
  },
  return: returnValue,
};
