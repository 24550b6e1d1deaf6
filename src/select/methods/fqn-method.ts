import type { ManifestNode } from '../../manifest/types.js';
import { fnmatch } from '../glob.js';
import type { SelectorMethod } from './selector-method.js';

/**
 * `fqn:` and the default method: a node's name (`stg_orders`, `stg_*`), or a dotted prefix of
 * its fqn with or without the project name (`flagship.staging`, `staging.stg_orders`,
 * `staging.*`). Dots inside fqn parts count as separators, as in dbt. Sources are not matched
 * (use `source:`), which is also why the default selection never lists them.
 */
export const fqnMethod: SelectorMethod = {
  name: 'fqn',
  matches(node, value) {
    if (node.resourceType === 'source') return false;
    return fqnMatches(node, value);
  },
};

export function fqnMatches(node: ManifestNode, selector: string): boolean {
  return isSelected(node.fqn, selector) || isSelected(node.fqn.slice(1), selector);
}

function isSelected(fqn: readonly string[], selector: string): boolean {
  if (fqn.length === 0) return false;
  if (fnmatch(fqn[fqn.length - 1], selector)) return true;
  const flat = fqn.flatMap((part) => part.split('.'));
  const parts = selector.split('.');
  if (parts.length > flat.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '*') return true;
    if (!fnmatch(flat[i], parts[i])) return false;
  }
  return true;
}
