import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/build-graph.js';
import type { Manifest } from '../../../src/manifest/types.js';
import { executionGraph } from '../../../src/plan/execution-graph.js';
import { ManifestBuilder, shopManifest } from '../select/fixtures.js';

/** The execution graph of every node of `manifest`, as `child <- parents` by name. */
function parentsByName(manifest: Manifest): Map<string, string[]> {
  const graph = executionGraph(manifest, buildGraph(manifest).value, new Set(manifest.nodes.keys()));
  const name = (id: string): string => manifest.nodes.get(id)!.name;
  graph.topologicalOrder(); // throws on a cycle
  return new Map(graph.nodes().map((id) => [name(id), graph.parents(id).map(name).sort()]));
}

describe('executionGraph', () => {
  const shop = parentsByName(shopManifest());

  it('runs a test of one model before the model\'s children (through ephemeral models)', () => {
    expect(shop.get('fct_orders')).toContain('unique_stg_orders_order_id');
    expect(shop.get('finance_report')).toEqual(expect.arrayContaining(['not_null_fct_orders_order_id', 'assert_positive_totals', 'unique_dim_customers_customer_id']));
  });

  it('gates only the nodes downstream of everything a test reads (dbt\'s add_test_edges)', () => {
    // relationships from fct_orders to stg_customers: finance_report reads both, dim_customers only stg_customers
    expect(shop.get('finance_report')).toContain('relationships_fct_orders_customer_id');
    expect(shop.get('dim_customers')).toEqual(['stg_customers']);
  });

  it('gates the first nodes that reach all of a test\'s parents, not a parent itself', () => {
    const graph = parentsByName(new ManifestBuilder()
      .seed('a')
      .model('b', { deps: ['a'] })
      .model('c', { deps: ['b'] })
      .model('d', { deps: ['c'] })
      .model('side', { deps: ['a'] })
      .test('a_and_b', { deps: ['a', 'b'] })
      .build());
    expect(graph.get('b')).toEqual(['a']);
    expect(graph.get('side')).toEqual(['a']);
    expect(graph.get('c')).toEqual(['a_and_b', 'b']);
    expect(graph.get('d')).toEqual(['c']);
  });

  it('runs a unit test after its model\'s parents and before the model, without a cycle', () => {
    expect(shop.get('test_fct_orders_totals')).toEqual(['country_codes', 'stg_customers', 'stg_orders']);
    expect(shop.get('fct_orders')).toContain('test_fct_orders_totals');
  });
});
