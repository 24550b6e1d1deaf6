import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/build-graph.js';
import { formatDiagnostic } from '../../../src/errors/diagnostic.js';
import { ManifestBuilder, shopManifest } from '../select/fixtures.js';

describe('buildGraph', () => {
  it('has one node per manifest node and edges from dependencies', () => {
    const manifest = shopManifest();
    const { value: dag, diagnostics } = buildGraph(manifest);
    expect(diagnostics).toEqual([]);
    expect(dag.size).toBe(manifest.nodes.size);
    expect(dag.parents('model.shop.int_orders')).toEqual(['model.shop.stg_orders', 'model.shop.stg_customers', 'seed.shop.country_codes']);
    expect(dag.parents('model.shop.stg_orders')).toEqual(['source.shop.raw.orders']);
  });

  it('hangs tests under their tested nodes and unit tests under their model', () => {
    const { value: dag } = buildGraph(shopManifest());
    expect(dag.parents('test.shop.relationships_fct_orders_customer_id')).toEqual(['model.shop.fct_orders', 'model.shop.stg_customers']);
    expect(dag.parents('test.shop.source_not_null_raw_orders_id')).toEqual(['source.shop.raw.orders']);
    expect(dag.parents('unit_test.shop.test_fct_orders_totals')).toEqual(['model.shop.fct_orders']);
  });

  it('uses the attached node of a test even when dependsOn lacks it', () => {
    const manifest = new ManifestBuilder('p').model('a').test('t', { generic: 'unique', deps: [], attachedTo: 'a' }).build();
    expect(buildGraph(manifest).value.parents('test.p.t')).toEqual(['model.p.a']);
  });

  it('ignores dependencies that are not in the manifest', () => {
    const manifest = new ManifestBuilder('p').model('a', { deps: ['missing'] }).build();
    const { value: dag, diagnostics } = buildGraph(manifest);
    expect(diagnostics).toEqual([]);
    expect(dag.parents('model.p.a')).toEqual([]);
    expect(dag.has('model.p.missing')).toBe(false);
  });

  it('reports a cycle with the whole path as names, each file and the ref lines', () => {
    const manifest = new ManifestBuilder('p')
      .model('a', { folder: 'staging', deps: ['c'], refLines: { c: 4 } })
      .model('b', { deps: ['a'], refLines: { a: 2 } })
      .model('c', { folder: 'marts', deps: ['b'] })
      .model('d', { deps: ['a'] })
      .build();
    const { diagnostics } = buildGraph(manifest);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d).toMatchObject({ severity: 'error', code: 'graph.cycle', file: 'models/b.sql', line: 2, node: 'model.p.b', hint: 'remove one of these refs' });
    expect(d.message.split('\n')).toEqual([
      'Found a cycle: a -> b -> c -> a',
      '  b (models/b.sql:2) refs a',
      '  c (models/marts/c.sql) refs b',
      '  a (models/staging/a.sql:4) refs c',
    ]);
    expect(formatDiagnostic(d)).toContain('hint: remove one of these refs');
  });

  it('reports each independent cycle, including a model that refs itself', () => {
    const manifest = new ManifestBuilder('p')
      .model('a', { deps: ['b'] })
      .model('b', { deps: ['a'] })
      .model('self', { deps: ['self'] })
      .build();
    const messages = buildGraph(manifest).diagnostics.map((d) => d.message.split('\n')[0]);
    expect(messages).toEqual(['Found a cycle: a -> b -> a', 'Found a cycle: self -> self']);
  });
});
