import { describe, expect, it } from 'vitest';
import { select } from './helpers.js';

const direct = (...args: string[]): string[] => select(args, undefined, { indirectSelection: 'empty' });

const UPSTREAM_OF_FCT = ['country_codes', 'customers', 'int_orders', 'orders', 'stg_customers', 'stg_orders'];

describe('graph operators', () => {
  it('+x adds all ancestors, sources included', () => {
    expect(direct('+fct_orders')).toEqual([...UPSTREAM_OF_FCT, 'fct_orders'].sort());
  });

  it('x+ adds all descendants, tests included', () => {
    expect(direct('fct_orders+')).toEqual([
      'assert_positive_totals',
      'fct_orders',
      'finance_report',
      'not_null_fct_orders_order_id',
      'relationships_fct_orders_customer_id',
      'test_fct_orders_totals',
    ]);
  });

  it('N+x limits ancestors to N generations', () => {
    expect(direct('1+fct_orders')).toEqual(['fct_orders', 'int_orders']);
    expect(direct('2+fct_orders')).toEqual(['country_codes', 'fct_orders', 'int_orders', 'stg_customers', 'stg_orders']);
  });

  it('x+N limits descendants to N generations', () => {
    expect(direct('stg_customers+1')).toEqual(['dim_customers', 'int_orders', 'relationships_fct_orders_customer_id', 'stg_customers']);
    expect(direct('int_orders+1')).toEqual(['fct_orders', 'int_orders']);
  });

  it('+x+ adds both', () => {
    expect(direct('+dim_customers+')).toEqual(['customers', 'dim_customers', 'finance_report', 'stg_customers', 'unique_dim_customers_customer_id']);
  });

  it('@x adds descendants and every ancestor of those descendants', () => {
    expect(direct('@dim_customers')).toEqual(
      [...UPSTREAM_OF_FCT, 'fct_orders', 'dim_customers', 'finance_report', 'unique_dim_customers_customer_id'].sort(),
    );
  });

  it('combine with methods', () => {
    expect(direct('+tag:finance')).toEqual([...UPSTREAM_OF_FCT, 'dim_customers', 'fct_orders', 'finance_report'].sort());
    expect(direct('path:models/marts/finance+')).toEqual(['finance_report']);
    expect(direct('source:raw.customers+1')).toEqual(['customers', 'stg_customers']);
  });
});

describe('set operations', () => {
  it('space or separate arguments: union', () => {
    expect(direct('tag:nightly config.materialized:table')).toEqual(['dim_customers', 'fct_orders', 'finance_report', 'stg_orders']);
    expect(direct('tag:nightly', 'config.materialized:table')).toEqual(['dim_customers', 'fct_orders', 'finance_report', 'stg_orders']);
  });

  it('comma: intersection', () => {
    expect(direct('tag:nightly,config.materialized:incremental')).toEqual(['fct_orders']);
    expect(direct('tag:nightly,marts')).toEqual(['fct_orders']);
    expect(direct('+finance_report,staging')).toEqual(['stg_customers', 'stg_orders']);
    expect(direct('tag:nightly,tag:raw')).toEqual([]);
  });

  it('--exclude removes nodes after selecting, with its own unions and intersections', () => {
    const marts = (exclude: string[]): string[] => select(['path:models/marts'], exclude, { indirectSelection: 'empty' });
    expect(marts(['finance_report'])).not.toContain('finance_report');
    expect(marts(['finance_report'])).toContain('fct_orders');
    expect(select(['+finance_report'], ['staging marts.finance'], { indirectSelection: 'empty' })).toEqual([
      'country_codes',
      'customers',
      'dim_customers',
      'fct_orders',
      'int_orders',
      'orders',
    ]);
    expect(select(['marts'], ['tag:nightly,tag:finance'], { indirectSelection: 'empty' })).toEqual([
      'dim_customers',
      'finance_report',
      'unique_dim_customers_customer_id',
    ]);
  });

  it('returns unique_ids sorted', async () => {
    const { buildGraph } = await import('../../../src/graph/build-graph.js');
    const { parseSelectors } = await import('../../../src/select/parse-selectors.js');
    const { selectNodes } = await import('../../../src/select/select-nodes.js');
    const { shopManifest } = await import('./fixtures.js');
    const manifest = shopManifest();
    const ids = [...selectNodes(manifest, buildGraph(manifest).value, parseSelectors(['stg_orders+1'], undefined))];
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('model.shop.int_orders');
  });
});
