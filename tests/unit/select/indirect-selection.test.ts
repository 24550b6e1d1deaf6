import { describe, expect, it } from 'vitest';
import { select, TESTS_ON_FCT_ORDERS } from './helpers.js';

describe('indirect selection', () => {
  it('is eager by default: every test touching a selected node', () => {
    expect(select(['fct_orders'])).toEqual(['fct_orders', ...TESTS_ON_FCT_ORDERS].sort());
    expect(select(['stg_customers'])).toEqual(['relationships_fct_orders_customer_id', 'stg_customers']);
  });

  it('cautious: only tests whose parents are all selected', () => {
    expect(select(['fct_orders'], undefined, { indirectSelection: 'cautious' })).toEqual([
      'assert_positive_totals',
      'fct_orders',
      'not_null_fct_orders_order_id',
      'test_fct_orders_totals',
    ]);
    expect(select(['stg_customers'], undefined, { indirectSelection: 'cautious' })).toEqual(['stg_customers']);
  });

  it('cautious: a test whose parents are selected by different union members is kept', () => {
    expect(select(['fct_orders stg_customers'], undefined, { indirectSelection: 'cautious' })).toContain(
      'relationships_fct_orders_customer_id',
    );
    expect(select(['fct_orders', 'stg_customers'], undefined, { indirectSelection: 'cautious' })).toContain(
      'relationships_fct_orders_customer_id',
    );
  });

  it('buildable: also tests whose other parents are ancestors of the selection', () => {
    expect(select(['fct_orders'], undefined, { indirectSelection: 'buildable' })).toEqual(['fct_orders', ...TESTS_ON_FCT_ORDERS].sort());
    expect(select(['stg_customers'], undefined, { indirectSelection: 'buildable' })).toEqual(['stg_customers']);
  });

  it('empty: no tests are added', () => {
    expect(select(['fct_orders'], undefined, { indirectSelection: 'empty' })).toEqual(['fct_orders']);
  });

  it('adds source tests when a source is selected', () => {
    expect(select(['source:raw.orders'])).toEqual(['orders', 'source_not_null_raw_orders_id']);
  });

  it('adds tests of the models an intersection keeps', () => {
    expect(select(['tag:nightly,marts'])).toEqual(['fct_orders', ...TESTS_ON_FCT_ORDERS].sort());
  });

  it('keeps excluded tests excluded', () => {
    expect(select(['fct_orders'], ['not_null_fct_orders_order_id'])).not.toContain('not_null_fct_orders_order_id');
    expect(select(['fct_orders'], ['test_type:unit'])).not.toContain('test_fct_orders_totals');
    expect(select(['fct_orders'], ['test_type:unit'], { indirectSelection: 'cautious' })).toEqual([
      'assert_positive_totals',
      'fct_orders',
      'not_null_fct_orders_order_id',
    ]);
  });

  it('excluding a model also excludes the tests touching it (exclude is always eager)', () => {
    expect(select(['fct_orders'], ['stg_customers'])).toEqual([
      'assert_positive_totals',
      'fct_orders',
      'not_null_fct_orders_order_id',
      'test_fct_orders_totals',
    ]);
  });
});

describe('default selection', () => {
  it('selects every model, seed, test and unit test without --select', () => {
    const all = select(undefined);
    expect(all).toHaveLength(14);
    expect(all).not.toContain('orders');
    expect(all).toContain('test_fct_orders_totals');
  });

  it('applies --exclude to the default', () => {
    expect(select(undefined, ['tag:nightly'])).toEqual([
      'country_codes',
      'dim_customers',
      'finance_report',
      'int_orders',
      'source_not_null_raw_orders_id',
      'stg_customers',
      'unique_dim_customers_customer_id',
    ]);
  });

  it('an empty selection is an empty set, not an error', () => {
    expect(select(['tag:does_not_exist'])).toEqual([]);
    expect(select(['stg_orders'], ['stg_orders'])).toEqual([]);
  });
});
