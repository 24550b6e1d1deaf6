import { SelectionError } from '../../errors/plan-error.js';
import { fnmatch } from '../glob.js';
import type { SelectorMethod } from './selector-method.js';

/** `source:raw` (every table of source raw), `source:raw.orders`, `source:pkg.raw.orders`; wildcards allowed. */
export const sourceMethod: SelectorMethod = {
  name: 'source',
  validate(value, _args, raw) {
    if (value.split('.').length > 3) {
      throw new SelectionError('select.invalid_value', `Invalid source selector '${raw}'`, {
        hint: 'write source:<source_name>, source:<source_name>.<table_name> or source:<package>.<source_name>.<table_name>',
      });
    }
  },
  matches(node, value) {
    if (node.resourceType !== 'source') return false;
    const parts = value.split('.');
    const [pkg, source, table] =
      parts.length === 1 ? ['*', parts[0], '*'] : parts.length === 2 ? ['*', parts[0], parts[1]] : parts;
    return fnmatch(node.packageName, pkg) && fnmatch(node.sourceName, source) && fnmatch(node.name, table);
  },
};
