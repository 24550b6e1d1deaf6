import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { genericTestName } from '../../../src/data-tests/test-name.js';

describe('genericTestName', () => {
  it('builds dbt names from test, model, column and sorted args', () => {
    expect(genericTestName('unique', undefined, 'orders', 'order_id', {})).toBe('unique_orders_order_id');
    expect(genericTestName('not_null', undefined, 'orders', 'id', {})).toBe('not_null_orders_id');
    expect(genericTestName('accepted_values', undefined, 'orders', 'status', { values: ['a', 'b'] })).toBe('accepted_values_orders_status__a__b');
    expect(genericTestName('relationships', undefined, 'orders', 'customer_id', { to: "ref('customers')", field: 'id' })).toBe(
      'relationships_orders_customer_id__id__ref_customers_',
    );
  });

  it('prefixes the namespace and ignores config-like arguments', () => {
    expect(genericTestName('accepted_range', 'dbt_utils', 'orders', 'amount', { min_value: 0, config: { severity: 'warn' }, severity: 'warn', where: 'x' })).toBe(
      'dbt_utils_accepted_range_orders_amount__0',
    );
    expect(genericTestName('expression_is_true', 'dbt_utils', 'm', undefined, { expression: 'a > b' })).toBe('dbt_utils_expression_is_true_m_a_b');
    expect(genericTestName('accepted_values', undefined, 'm', 'flag', { values: [true, false], quote: false })).toBe('accepted_values_m_flag__False__True__False');
  });

  it('shortens names of 64 characters or more with an md5 of the full name', () => {
    const kwargs = { values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'] };
    const full = 'accepted_values_orders_status__placed__shipped__completed__return_pending__returned';
    const name = genericTestName('accepted_values', undefined, 'orders', 'status', kwargs);
    expect(full.length).toBeGreaterThanOrEqual(64);
    expect(name).toBe(`accepted_values_orders_${createHash('md5').update(full).digest('hex')}`);
    // The identifier part is cut at 30 characters.
    const long = genericTestName('unique_combination_of_columns', 'dbt_utils', 'customer_orders_by_day', undefined, { combination_of_columns: ['a', 'b'] });
    expect(long).toMatch(/^dbt_utils_unique_combination_o_[0-9a-f]{32}$/);
    expect(name).toMatch(/^accepted_values_orders_[0-9a-f]{32}$/);
  });
});
