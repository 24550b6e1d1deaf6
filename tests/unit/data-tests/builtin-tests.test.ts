import { describe, expect, it } from 'vitest';
import { BUILTIN_TEST_NAMES, BUILTIN_TESTS_SQL } from '../../../src/data-tests/builtin-tests.js';
import { renderBuiltinTest } from './render-builtin.js';

const squash = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

describe('built-in generic tests', () => {
  it('defines every listed test once', () => {
    for (const name of BUILTIN_TEST_NAMES) {
      expect(BUILTIN_TESTS_SQL.match(new RegExp(`\\{% test ${name}\\(`, 'g'))).toHaveLength(1);
    }
  });

  it('unique groups non-null values having more than one row', () => {
    expect(squash(renderBuiltinTest('unique', { model: '"db"."main"."orders"', column_name: 'id' }))).toBe(
      'select id as unique_field, count(*) as n_records from "db"."main"."orders" where id is not null group by id having count(*) > 1',
    );
  });

  it('accepted_values quotes and escapes values unless quote is false', () => {
    expect(squash(renderBuiltinTest('accepted_values', { model: 'm', column_name: 's', values: ['a', "o'k"] }))).toContain("where value_field not in ('a', 'o''k')");
    expect(squash(renderBuiltinTest('accepted_values', { model: 'm', column_name: 's', values: [1, 2], quote: false }))).toContain('where value_field not in (1, 2)');
  });

  it('accepted_range adds only the bounds given, inclusive by default', () => {
    const both = squash(renderBuiltinTest('accepted_range', { model: 'm', column_name: 'x', min_value: 0, max_value: 10 }));
    expect(both).toContain('1 = 2 or not x >= 0 or not x <= 10');
    const exclusive = squash(renderBuiltinTest('accepted_range', { model: 'm', column_name: 'x', min_value: 0, inclusive: false }));
    expect(exclusive).toContain('1 = 2 or not x > 0 )');
    expect(exclusive).not.toContain('<');
  });

  it('expression_is_true works with and without a column', () => {
    expect(squash(renderBuiltinTest('expression_is_true', { model: 'm', expression: 'a > b' }))).toBe('select * from m where not(a > b)');
    expect(squash(renderBuiltinTest('expression_is_true', { model: 'm', column_name: 'a', expression: '>= 0' }))).toBe('select * from m where not(a >= 0)');
  });

  it('unique_combination_of_columns groups by the columns, quoted on request', () => {
    expect(squash(renderBuiltinTest('unique_combination_of_columns', { model: 'm', combination_of_columns: ['a', 'b'] }))).toContain('select a, b from m group by a, b having count(*) > 1');
    expect(squash(renderBuiltinTest('unique_combination_of_columns', { model: 'm', combination_of_columns: ['a'], quote_columns: true }))).toContain('select "a" from m group by "a"');
  });

  it('relationships left-joins the child to the parent', () => {
    const sql = squash(renderBuiltinTest('relationships', { model: 'orders', column_name: 'customer_id', to: 'customers', field: 'id' }));
    expect(sql).toContain('select id as to_field from customers');
    expect(sql).toContain('where parent.to_field is null');
  });
});
