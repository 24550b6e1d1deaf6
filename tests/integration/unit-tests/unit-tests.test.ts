import { describe, expect, it } from 'vitest';
import { memoryConnection } from '../../helpers/memory-connection.js';
import { fixtureSql } from '../../../src/unit-tests/fixture-sql.js';
import { runUnitTest } from '../../../src/unit-tests/run-unit-test.js';

const db = memoryConnection();

const ordersSchema = [
  { name: 'order_id', type: 'INTEGER' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'amount', type: 'DECIMAL(10,2)' },
  { name: 'ordered_at', type: 'DATE' },
];
const ordersFixture = {
  name: '__plan_ut__t__stg_orders',
  sql: fixtureSql(
    {
      format: 'dict',
      rows: [
        { order_id: 1, status: 'placed', amount: 10 },
        { order_id: 2, status: 'shipped', amount: '2.5', ordered_at: '2024-02-01' },
        { order_id: 3, status: 'shipped', amount: 7 },
      ],
    },
    ordersSchema,
  ),
};
const modelSql = `select status, count(*) as n, sum(amount) as total from "__plan_ut__t__stg_orders" group by status;`;

describe('runUnitTest', () => {
  it('passes when the rows match as a multiset on the expected columns only', async () => {
    const result = await runUnitTest(db.conn, {
      name: 't',
      modelSql,
      fixtures: [ordersFixture],
      expect: { format: 'dict', rows: [{ status: 'shipped', n: 2 }, { status: 'placed', n: 1 }] },
    });
    expect(result).toMatchObject({ status: 'pass', diff: '' });
    // Fixtures are dropped afterwards.
    await expect(db.conn.query('select * from "__plan_ut__t__stg_orders"')).rejects.toThrow();
  });

  it('compares csv expectations after casting to the model types', async () => {
    const result = await runUnitTest(db.conn, { name: 't', modelSql, fixtures: [ordersFixture], expect: { format: 'csv', csv: 'status,total\nplaced,10.00\nshipped,9.5\n' } });
    expect(result.status).toBe('pass');
  });

  it('fails with a row diff: - expected-only rows, + actual-only rows', async () => {
    const result = await runUnitTest(db.conn, {
      name: 't',
      modelSql,
      fixtures: [ordersFixture],
      expect: { format: 'dict', rows: [{ status: 'shipped', n: 3 }, { status: 'placed', n: 1 }, { status: 'placed', n: 1 }] },
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe('actual differs from expected: 2 expected rows missing (-), 1 unexpected row (+)');
    expect(result.diff).toBe(
      [
        result.message,
        '  | status  | n |',
        '- | placed  | 1 |',
        '+ | shipped | 2 |',
        '- | shipped | 3 |',
      ].join('\n'),
    );
  });

  it('fails when expect names a column the model does not produce', async () => {
    const result = await runUnitTest(db.conn, { name: 't', modelSql, fixtures: [ordersFixture], expect: [{ state: 'x' }] });
    expect(result.status).toBe('fail');
    expect(result.message).toBe("expect names column 'state' which the model does not produce (it produces status, n, total)");
  });

  it('reports SQL errors as status error', async () => {
    const result = await runUnitTest(db.conn, { name: 't', modelSql: 'select * from missing_fixture', expect: [] });
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/missing_fixture/);
  });

  it('expects an empty result with rows: []', async () => {
    const pass = await runUnitTest(db.conn, { name: 't', modelSql: 'select 1 as x where false', expect: { format: 'dict', rows: [] } });
    expect(pass.status).toBe('pass');
    const fail = await runUnitTest(db.conn, { name: 't', modelSql: 'select 1 as x', expect: { format: 'dict', rows: [] } });
    expect(fail.status).toBe('fail');
  });

  it('tests an incremental model on its final table (existing rows of this + new rows by unique key)', async () => {
    const schema = [{ name: 'id', type: 'INTEGER' }, { name: 'v', type: 'VARCHAR' }];
    const fixtures = [
      { name: '__plan_ut__inc__this', sql: fixtureSql([{ id: 1, v: 'old' }, { id: 2, v: 'old' }], schema) },
      { name: '__plan_ut__inc__src', sql: fixtureSql([{ id: 2, v: 'new' }, { id: 3, v: 'new' }], schema) },
    ];
    const incrementalSql = 'select * from "__plan_ut__inc__src" where id >= (select max(id) from "__plan_ut__inc__this")';
    const result = await runUnitTest(db.conn, {
      name: 'inc',
      modelSql: incrementalSql,
      fixtures,
      incremental: { thisRelation: '__plan_ut__inc__this', uniqueKey: 'id' },
      expect: [{ id: 1, v: 'old' }, { id: 2, v: 'new' }, { id: 3, v: 'new' }],
    });
    expect(result).toMatchObject({ status: 'pass' });

    const appended = await runUnitTest(db.conn, {
      name: 'inc',
      modelSql: incrementalSql,
      fixtures,
      incremental: { thisRelation: '__plan_ut__inc__this', strategy: 'append' },
      expect: [{ id: 1, v: 'old' }, { id: 2, v: 'new' }, { id: 3, v: 'new' }],
    });
    expect(appended.status).toBe('fail');
    expect(appended.diff).toContain('+ | 2  | old |');
  });
});
