import { describe, expect, it } from 'vitest';
import { memoryConnection } from '../../helpers/memory-connection.js';
import { applyWhere } from '../../../src/data-tests/apply-where.js';
import { runDataTest } from '../../../src/data-tests/run-data-test.js';
import type { NodeConfig } from '../../../src/config/types.js';
import type { TestNode } from '../../../src/manifest/types.js';
import { renderBuiltinTest } from '../../unit/data-tests/render-builtin.js';

const db = memoryConnection(`
    create table customers as select * from (values (1, 'a'), (2, 'b')) v(id, name);
    create table orders as select * from (values
      (1, 1, 'placed', 10.0, 'x'),
      (2, 1, 'shipped', 20.0, 'x'),
      (2, 3, 'lost', -5.0, 'y'),
      (4, null, null, 100.0, '  '),
      (5, 2, 'placed', 0.0, 'z')
    ) v(id, customer_id, status, amount, code);
  `);

function testNode(name: string, config: Partial<NodeConfig> = {}): TestNode {
  return {
    uniqueId: `test.p.${name}`, resourceType: 'test', name, packageName: 'p', path: `${name}.sql`, originalFilePath: 'models/schema.yml',
    fqn: ['p', name], description: '', tags: [], meta: {},
    config: { enabled: true, materialized: 'test', tags: [], pre_hook: [], post_hook: [], column_types: {}, contract: { enforced: false }, on_schema_change: 'ignore', meta: {}, severity: 'error', ...config },
    rawCode: '', checksum: '', dependsOn: { nodes: [], macros: [] }, refs: [], sources: [], columns: {}, testType: 'generic',
  };
}

async function run(test: string, kwargs: Record<string, unknown>, config: Partial<NodeConfig> = {}) {
  const model = applyWhere('"orders"', config.where);
  const compiledSql = renderBuiltinTest(test, { model, ...kwargs });
  return runDataTest(db.conn, { node: testNode(`${test}_orders`, config), compiledSql }, { targetSchema: 'main' });
}

describe('built-in tests on real data', () => {
  it.each([
    ['unique', { column_name: 'id' }, 1],
    ['not_null', { column_name: 'customer_id' }, 1],
    // NULL is neither accepted nor rejected, as in dbt: only 'lost' fails.
    ['accepted_values', { column_name: 'status', values: ['placed', 'shipped'] }, 1],
    ['relationships', { column_name: 'customer_id', to: '"customers"', field: 'id' }, 1],
    ['accepted_range', { column_name: 'amount', min_value: 0, max_value: 50 }, 2],
    ['accepted_range', { column_name: 'amount', min_value: 0, inclusive: false }, 2],
    ['expression_is_true', { expression: 'amount >= 0' }, 1],
    ['expression_is_true', { column_name: 'amount', expression: '< 100' }, 1],
    ['unique_combination_of_columns', { combination_of_columns: ['id', 'code'] }, 0],
    ['unique_combination_of_columns', { combination_of_columns: ['code'] }, 1],
    ['not_empty_string', { column_name: 'code' }, 1],
    ['at_least_one', { column_name: 'customer_id' }, 0],
  ])('%s %j fails on %i rows', async (test, kwargs, failures) => {
    const result = await run(test, kwargs);
    expect(result.message).not.toMatch(/Error/);
    expect(result.failures).toBe(failures);
    expect(result.status).toBe(failures === 0 ? 'pass' : 'fail');
  });
});

describe('runDataTest', () => {
  it('returns the count, dbt message and a preview of the first failing rows', async () => {
    const result = await run('accepted_values', { column_name: 'status', values: ['placed'] });
    expect(result.status).toBe('fail');
    expect(result.failures).toBe(2);
    expect(result.message).toBe('Got 2 results, configured to fail if !=0');
    expect(result.previewColumns).toEqual(['value_field', 'n_records']);
    expect([...result.preview].sort((a, b) => String(a.value_field).localeCompare(String(b.value_field)))).toEqual([
      { value_field: 'lost', n_records: 1 },
      { value_field: 'shipped', n_records: 1 },
    ]);
  });

  it('applies where, severity, thresholds and limit', async () => {
    expect((await run('not_null', { column_name: 'status' }, { where: 'amount < 50' })).status).toBe('pass');
    expect((await run('not_null', { column_name: 'status' }, { severity: 'warn' })).status).toBe('warn');
    expect((await run('accepted_values', { column_name: 'status', values: ['placed'] }, { error_if: '>3', warn_if: '>1' })).status).toBe('warn');
    const limited = await run('accepted_range', { column_name: 'amount', max_value: 0 }, { limit: 2 });
    expect(limited.failures).toBe(2);
    expect(limited.preview).toHaveLength(2);
    expect((await run('accepted_range', { column_name: 'amount', max_value: 0 })).failures).toBe(3);
  });

  it('stores failing rows in <schema>_dbt_test__audit.<test name> and replaces them on rerun', async () => {
    const result = await run('not_null', { column_name: 'customer_id' }, { store_failures: true });
    expect(result.storedIn).toBe(`"${db.database}"."main_dbt_test__audit"."not_null_orders"`);
    const stored = await db.conn.query('select id, amount from main_dbt_test__audit.not_null_orders');
    expect(stored.rows).toEqual([{ id: 4, amount: 100 }]);
    await run('not_null', { column_name: 'customer_id' }, { store_failures: true, where: 'id < 3' });
    expect((await db.conn.query('select count(*) as n from main_dbt_test__audit.not_null_orders')).rows[0].n).toBe(0);
  });

  it('reports broken SQL and invalid thresholds as status error, without throwing', async () => {
    const broken = await runDataTest(db.conn, { node: testNode('broken'), compiledSql: 'select * from nowhere' }, { targetSchema: 'main' });
    expect(broken.status).toBe('error');
    expect(broken.message).toMatch(/nowhere/);
    const badThreshold = await run('unique', { column_name: 'id' }, { error_if: 'lots' });
    expect(badThreshold.status).toBe('error');
    expect(badThreshold.message).toMatch(/Invalid error_if 'lots'/);
  });

  it('runs singular tests with a trailing semicolon and comment', async () => {
    const result = await runDataTest(db.conn, { node: testNode('singular'), compiledSql: 'select * from orders where amount < 0; -- negative' }, { targetSchema: 'main' });
    expect(result).toMatchObject({ status: 'fail', failures: 1 });
  });
});
