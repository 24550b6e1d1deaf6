import type { Dag } from '../../graph/dag.js';
import type { Manifest } from '../../manifest/types.js';
import { fnmatch } from '../glob.js';
import type { SelectionCriterion } from '../selection-spec.js';
import type { SelectorMethod } from './selector-method.js';

/**
 * `exposure:name`: an exposure is not a node (nothing runs it), so it matches no node itself;
 * with `+` (or `@`) it selects what the exposure depends on and their ancestors, as dbt's
 * `+exposure:weekly_kpis` builds everything a dashboard reads.
 */
export const exposureMethod: SelectorMethod = {
  name: 'exposure',
  matches() {
    return false;
  },
};

/** The nodes `+exposure:x` (or `N+exposure:x`, `@exposure:x`) adds: the exposures' dependencies within the depth, and their ancestors. */
export function exposureAncestors(spec: SelectionCriterion, manifest: Manifest, dag: Dag): Set<string> {
  if (spec.method !== exposureMethod.name || (!spec.parents && !spec.childrensParents)) return new Set();
  const deps = new Set<string>();
  for (const exposure of manifest.exposures?.values() ?? []) {
    if (fnmatch(exposure.name, spec.value) || fnmatch([...exposure.fqn].join('.'), spec.value)) for (const id of exposure.dependsOn) deps.add(id);
  }
  const depth = spec.childrensParents ? undefined : spec.parentsDepth;
  if (depth !== undefined && depth <= 1) return deps;
  return new Set([...deps, ...dag.upstreamOfAll(deps, depth === undefined ? undefined : depth - 1)]);
}
