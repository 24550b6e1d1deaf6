import { SelectionError } from '../../errors/plan-error.js';
import type { ManifestNode } from '../../manifest/types.js';
import type { MethodContext, SelectorMethod } from './selector-method.js';

const STATUSES = ['success', 'error', 'skipped', 'pass', 'fail', 'warn'] as const;

/**
 * dbt's `result:<status>`: nodes whose status in the earlier run's run_results.json (`--state
 * <dir>`) is <status>, e.g. `result:error+` to rebuild what failed and what depends on it.
 */
export const resultMethod: SelectorMethod = {
  name: 'result',
  validate(value, _args, raw) {
    if (!(STATUSES as readonly string[]).includes(value)) {
      throw new SelectionError('select.invalid_value', `Invalid result '${value}' in '${raw}'`, { hint: `use one of ${STATUSES.join(', ')}` });
    }
  },
  matches(node: ManifestNode, value: string, _args: readonly string[], context: MethodContext): boolean {
    const results = context.previous?.results;
    if (!results) {
      throw new SelectionError('select.state_missing', `'result:${value}' reads an earlier run's run_results.json, but ${context.previous ? `--state ${context.previous.dir} has none` : 'no --state was given'}`, {
        hint: 'pass --state <folder holding the run_results.json of that run> (for example a copy of target/)',
      });
    }
    return results.get(node.uniqueId) === value;
  },
};
