import type { Dag } from '../../graph/dag.js';
import type { ExposureNode, Manifest } from '../../manifest/types.js';
import { fnmatch } from '../glob.js';
import type { SelectionCriterion, SelectionSpec } from '../selection-spec.js';
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
    if (exposureMatches(spec, exposure, manifest.projectName)) for (const id of exposure.dependsOn) deps.add(id);
  }
  const depth = spec.childrensParents ? undefined : spec.parentsDepth;
  if (depth !== undefined && depth <= 1) return deps;
  return new Set([...deps, ...dag.upstreamOfAll(deps, depth === undefined ? undefined : depth - 1)]);
}

/**
 * The exposures a spec selects, for `ls` (an exposure is listed, never run): `exposure:name` (with
 * or without graph operators), `resource_type:exposure`, `tag:`, the project's `fqn:*` / package, and
 * the set operations over them.
 */
export function selectExposures(spec: SelectionSpec, manifest: Manifest): Set<string> {
  const all = [...(manifest.exposures?.values() ?? [])];
  switch (spec.kind) {
    case 'criterion':
      return new Set(all.filter((e) => exposureMatches(spec, e, manifest.projectName)).map((e) => e.uniqueId));
    case 'union':
      return new Set(spec.components.flatMap((c) => [...selectExposures(c, manifest)]));
    case 'intersection': {
      const [first, ...rest] = spec.components.map((c) => selectExposures(c, manifest));
      return new Set([...(first ?? [])].filter((id) => rest.every((s) => s.has(id))));
    }
    case 'difference': {
      const excluded = selectExposures(spec.exclude, manifest);
      return new Set([...selectExposures(spec.include, manifest)].filter((id) => !excluded.has(id)));
    }
  }
}

function exposureMatches(spec: SelectionCriterion, exposure: ExposureNode, projectName: string): boolean {
  switch (spec.method) {
    case 'exposure':
      return fnmatch(exposure.name, spec.value) || fnmatch(exposure.fqn.join('.'), spec.value);
    case 'resource_type':
      return spec.value === 'exposure';
    case 'tag':
      return exposure.properties.tags.some((t) => fnmatch(t, spec.value));
    case 'fqn':
      return spec.value === '*' || spec.value === projectName || fnmatch(exposure.fqn.join('.'), spec.value) || fnmatch(exposure.name, spec.value);
    case 'package':
      return fnmatch(exposure.packageName, spec.value === 'this' ? projectName : spec.value);
    default:
      return false;
  }
}
