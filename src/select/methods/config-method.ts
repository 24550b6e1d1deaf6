import { SelectionError } from '../../errors/plan-error.js';
import { fnmatch } from '../glob.js';
import type { SelectorMethod } from './selector-method.js';

/**
 * `config.materialized:incremental`, `config.contract.enforced:true`, `config.meta.owner:ana`.
 * A list-valued config (tags, unique_key) matches when it contains the value; `true`/`false`
 * match booleans case-insensitively; string values accept wildcards.
 */
export const configMethod: SelectorMethod = {
  name: 'config',
  takesArguments: true,
  validate(_value, args, raw) {
    if (args.length === 0 || args.some((a) => a === '')) {
      throw new SelectionError('select.syntax', `Selector '${raw}' needs a config key: config.<key>:<value>`, {
        hint: "for example 'config.materialized:incremental' or 'config.contract.enforced:true'",
      });
    }
  },
  matches(node, value, args) {
    let current: unknown = node.config;
    for (const key of args) {
      if (current === null || typeof current !== 'object' || !(key in current)) return false;
      current = (current as Record<string, unknown>)[key];
    }
    const caseInsensitive = args.length === 1 && args[0] === 'severity';
    if (Array.isArray(current)) return current.some((item) => scalarMatches(item, value, caseInsensitive));
    return scalarMatches(current, value, caseInsensitive);
  },
};

function scalarMatches(actual: unknown, wanted: string, caseInsensitive: boolean): boolean {
  if (typeof actual === 'boolean') return String(actual) === wanted.toLowerCase();
  if (typeof actual === 'number' || typeof actual === 'bigint') return String(actual) === wanted;
  if (typeof actual !== 'string') return false;
  return caseInsensitive ? actual.toLowerCase() === wanted.toLowerCase() : fnmatch(actual, wanted);
}
