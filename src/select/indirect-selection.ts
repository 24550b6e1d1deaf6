import type { Dag } from '../graph/dag.js';
import { nodeParents } from '../graph/node-parents.js';
import type { Manifest, ManifestNode } from '../manifest/types.js';
import type { IndirectSelection } from './selection-spec.js';

/** Nodes selected outright, and tests that touch the selection but were held back (dbt's two sets). */
export interface SelectionBundle {
  readonly direct: ReadonlySet<string>;
  readonly indirect: ReadonlySet<string>;
}

/**
 * dbt's `expand_selection`: looks at the tests and unit tests hanging directly under selected
 * nodes. eager takes them all; cautious only those whose parents are all selected; buildable
 * also accepts parents that are ancestors of the selection (or sources). The rest are kept as
 * `indirect`, because a later union may select their other parents.
 */
export function expandSelection(manifest: Manifest, dag: Dag, selected: ReadonlySet<string>, mode: IndirectSelection): SelectionBundle {
  if (mode === 'empty') return { direct: selected, indirect: new Set() };
  const direct = new Set(selected);
  const indirect = new Set<string>();
  let buildable: ReadonlySet<string> | undefined;
  for (const id of dag.downstreamOfAll(selected, 1)) {
    const node = manifest.nodes.get(id);
    if (!node || !isTestLike(node) || direct.has(id)) continue;
    const parents = testParents(manifest, node);
    if (mode === 'eager' || isSubset(parents, selected)) {
      direct.add(id);
    } else if (mode === 'buildable' && isSubset(parents, (buildable ??= selectedAndAncestors(manifest, dag, selected, true)))) {
      direct.add(id);
    } else {
      indirect.add(id);
    }
  }
  return { direct, indirect };
}

/** dbt's `incorporate_indirect_nodes`: after combining sets, held-back tests whose parents are now all selected join. */
export function incorporateIndirect(
  manifest: Manifest,
  dag: Dag,
  direct: ReadonlySet<string>,
  indirect: ReadonlySet<string>,
  mode: IndirectSelection,
): ReadonlySet<string> {
  if (mode !== 'cautious' && mode !== 'buildable') return direct;
  const pending = [...indirect].filter((id) => !direct.has(id));
  if (pending.length === 0) return direct;
  const selected = new Set(direct);
  const allowed = mode === 'cautious' ? direct : selectedAndAncestors(manifest, dag, direct, false);
  for (const id of pending) {
    const node = manifest.nodes.get(id);
    if (node && isTestLike(node) && isSubset(testParents(manifest, node), allowed)) selected.add(id);
  }
  return selected;
}

function isTestLike(node: ManifestNode): boolean {
  return node.resourceType === 'test' || node.resourceType === 'unit_test';
}

function testParents(manifest: Manifest, node: ManifestNode): string[] {
  return nodeParents(node).filter((id) => manifest.nodes.has(id));
}

function selectedAndAncestors(manifest: Manifest, dag: Dag, selected: ReadonlySet<string>, withSources: boolean): Set<string> {
  const out = new Set([...selected, ...dag.upstreamOfAll(selected)]);
  if (withSources) for (const [id, node] of manifest.nodes) if (node.resourceType === 'source') out.add(id);
  return out;
}

function isSubset(items: readonly string[], set: ReadonlySet<string>): boolean {
  return items.every((i) => set.has(i));
}
