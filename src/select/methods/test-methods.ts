import { SelectionError } from '../../errors/plan-error.js';
import { fnmatch } from '../glob.js';
import { fqnMatches } from './fqn-method.js';
import type { SelectorMethod } from './selector-method.js';

const TEST_TYPES = ['generic', 'singular', 'data', 'unit'];

/** `test_type:generic | singular | data (both) | unit`; `schema` is dbt's old name for generic. */
export const testTypeMethod: SelectorMethod = {
  name: 'test_type',
  validate(value, _args, raw) {
    if (TEST_TYPES.includes(value) || value === 'schema') return;
    throw new SelectionError('select.invalid_value', `Invalid test type '${value}' in selector '${raw}'`, {
      hint: `use one of: ${TEST_TYPES.join(', ')}`,
    });
  },
  matches(node, value) {
    if (node.resourceType === 'unit_test') return value === 'unit';
    if (node.resourceType !== 'test') return false;
    if (value === 'data') return true;
    if (value === 'schema') return node.testType === 'generic';
    return node.testType === value;
  },
};

/** `test_name:unique`, `test_name:accepted_*`: the generic test's name; for unit tests, their name. */
export const testNameMethod: SelectorMethod = {
  name: 'test_name',
  matches(node, value) {
    if (node.resourceType === 'unit_test') return fnmatch(node.name, value);
    return node.resourceType === 'test' && node.testMetadata !== undefined && fnmatch(node.testMetadata.name, value);
  },
};

/** `unit_test:test_name` or a dotted fqn prefix, like fqn: but only for unit tests. */
export const unitTestMethod: SelectorMethod = {
  name: 'unit_test',
  matches(node, value) {
    return node.resourceType === 'unit_test' && fqnMatches(node, value);
  },
};
