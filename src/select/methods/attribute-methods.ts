import { SelectionError } from '../../errors/plan-error.js';
import type { ManifestNode, ResourceType } from '../../manifest/types.js';
import { fnmatch } from '../glob.js';
import type { SelectorMethod } from './selector-method.js';

/** `tag:nightly`, `tag:fin*`: any of the node's tags (including config tags). */
export const tagMethod: SelectorMethod = {
  name: 'tag',
  matches(node, value) {
    return nodeTags(node).some((t) => fnmatch(t, value));
  },
};

/** `package:flagship`, `package:this` (the root project). */
export const packageMethod: SelectorMethod = {
  name: 'package',
  matches(node, value, _args, context) {
    return fnmatch(node.packageName, value === 'this' ? context.projectName : value);
  },
};

export const RESOURCE_TYPES: readonly ResourceType[] = ['model', 'seed', 'snapshot', 'test', 'source', 'unit_test'];
/** dbt resource types plan has no nodes of: valid to write, they select nothing. */
const OTHER_DBT_TYPES = ['analysis', 'exposure', 'metric', 'semantic_model', 'saved_query', 'function', 'operation'];

/** `resource_type:model`, one of model, seed, test, source, unit_test. */
export const resourceTypeMethod: SelectorMethod = {
  name: 'resource_type',
  validate(value, _args, raw) {
    if (isDbtResourceType(value)) return;
    throw new SelectionError('select.invalid_value', `Invalid resource type '${value}' in selector '${raw}'`, {
      hint: `use one of: ${RESOURCE_TYPES.join(', ')}`,
    });
  },
  matches(node, value) {
    return node.resourceType === value;
  },
};

/** A resource type dbt knows, whether or not plan has nodes of it (`--resource-type`, `resource_type:`). */
export function isDbtResourceType(value: string): boolean {
  return (RESOURCE_TYPES as readonly string[]).includes(value) || OTHER_DBT_TYPES.includes(value);
}

function nodeTags(node: ManifestNode): readonly string[] {
  const configTags: unknown = node.config.tags;
  if (!Array.isArray(configTags) || configTags.length === 0) return node.tags;
  return [...new Set([...node.tags, ...configTags])];
}

/** `group:finance`: nodes whose `group` config (or yml `group:`) matches. */
export const groupMethod: SelectorMethod = {
  name: 'group',
  matches(node, value) {
    return typeof node.config.group === 'string' && fnmatch(node.config.group, value);
  },
};

const ACCESS_LEVELS = ['public', 'protected', 'private'];

/** `access:public`: models by access level; a model without one is `protected`, as in dbt. */
export const accessMethod: SelectorMethod = {
  name: 'access',
  validate(value, _args, raw) {
    if (!ACCESS_LEVELS.includes(value)) {
      throw new SelectionError('select.invalid_value', `Invalid access '${value}' in selector '${raw}'`, { hint: `use one of: ${ACCESS_LEVELS.join(', ')}` });
    }
  },
  matches(node, value) {
    if (node.resourceType !== 'model') return false;
    return (typeof node.config.access === 'string' ? node.config.access : 'protected') === value;
  },
};
