import type { ManifestNode } from '../manifest/types.js';

/**
 * The unique_ids a node hangs under in the DAG. Models, seeds and data tests: `dependsOn.nodes`
 * (data tests also their attached node). Unit tests: only the model under test, as in dbt,
 * so that `stg_orders+` does not pull in unit tests that merely mock stg_orders.
 * Sources have no parents. Ids may name nodes that do not exist; callers filter.
 */
export function nodeParents(node: ManifestNode): readonly string[] {
  switch (node.resourceType) {
    case 'source':
      return [];
    case 'unit_test':
      return [node.model];
    case 'test': {
      const ids = new Set(node.dependsOn.nodes);
      if (node.attachedNode) ids.add(node.attachedNode);
      return [...ids];
    }
    default:
      return [...new Set(node.dependsOn.nodes)];
  }
}
