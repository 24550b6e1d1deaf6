import { buildGraph } from '../../../src/graph/build-graph.js';
import type { Manifest } from '../../../src/manifest/types.js';
import { parseSelectors } from '../../../src/select/parse-selectors.js';
import { selectNodes, type SelectOptions } from '../../../src/select/select-nodes.js';
import { shopManifest } from './fixtures.js';

/** Runs a selection against a manifest (the shop by default) and returns node names, sorted. */
export function select(
  selectArgs: readonly string[] | undefined,
  exclude?: readonly string[],
  options?: SelectOptions,
  manifest: Manifest = shopManifest(),
): string[] {
  const dag = buildGraph(manifest).value;
  const ids = selectNodes(manifest, dag, parseSelectors(selectArgs, exclude), options);
  return [...ids].map((id) => manifest.nodes.get(id)!.name).sort();
}

export const TESTS_ON_FCT_ORDERS = [
  'assert_positive_totals',
  'not_null_fct_orders_order_id',
  'relationships_fct_orders_customer_id',
  'test_fct_orders_totals',
];
