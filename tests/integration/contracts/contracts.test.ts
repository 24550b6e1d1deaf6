import { describe, expect, it } from 'vitest';
import { memoryConnection } from '../../helpers/memory-connection.js';
import { compareContract } from '../../../src/contracts/compare-contract.js';
import { contractedTableSql } from '../../../src/contracts/contract-ddl.js';
import { normalizeType } from '../../../src/contracts/normalize-type.js';
import type { EngineConnection } from '../../../src/engine/index.js';
import type { ColumnInfo } from '../../../src/manifest/types.js';

const db = memoryConnection();

const ALIASES = [
  'int', 'integer', 'int4', 'signed', 'bigint', 'int8', 'long', 'smallint', 'int2', 'tinyint', 'int1', 'hugeint',
  'ubigint', 'uinteger', 'usmallint', 'utinyint', 'uhugeint', 'varchar', 'text', 'string', 'char', 'bpchar',
  'varchar(20)', 'character varying', 'double', 'float8', 'double precision', 'real', 'float4', 'float', 'float(40)',
  'decimal', 'numeric', 'decimal(10,2)', 'numeric(5)', 'bool', 'boolean', 'logical', 'timestamptz',
  'timestamp with time zone', 'timestamp', 'datetime', 'timestamp_ms', 'date', 'time', 'timetz', 'interval', 'uuid',
  'blob', 'bytea', 'json', 'int[]', 'int[2]', 'text[][]', 'struct(a int, "B c" text)', 'map(text, int)',
  "enum('x', 'y')", 'union(a int, b text)', 'decimal(12,4)[]',
];

describe('normalizeType against DuckDB', () => {
  it("matches DuckDB's own typeof() for every alias", async () => {
    const sql = ALIASES.map((t, i) => `typeof(cast(null as ${t})) as t${i}`).join(', ');
    const row = (await db.conn.query(`select ${sql}`)).rows[0];
    const mismatches = ALIASES.map((t, i) => ({ t, ours: normalizeType(t), duckdb: row[`t${i}`] })).filter((m) => m.ours !== m.duckdb);
    expect(mismatches).toEqual([]);
  });
});

describe('compareContract with a real query', () => {
  it('finds the differences between declared columns and describeQuery()', async () => {
    const actual = await db.conn.describeQuery("select 1 as id, 'a'::text as name, 1.5::decimal(10,2) as amount, now() as loaded_at");
    expect(compareContract([{ name: 'id', data_type: 'int' }, { name: 'name', data_type: 'string' }, { name: 'amount', data_type: 'numeric(10,2)' }, { name: 'loaded_at', data_type: 'timestamptz' }], actual)).toEqual([]);
    expect(compareContract([{ name: 'id', data_type: 'bigint' }, { name: 'name', data_type: 'text' }, { name: 'amount', data_type: 'numeric(10,2)' }], actual)).toEqual([
      { column: 'id', declared: 'BIGINT', actual: 'INTEGER', problem: 'type_mismatch' },
      { column: 'loaded_at', actual: 'TIMESTAMP WITH TIME ZONE', problem: 'extra' },
    ]);
  });
});

const col = (name: string, data_type: string, constraints: ColumnInfo['constraints'] = []): ColumnInfo => ({ name, description: '', data_type, constraints, meta: {}, tags: [] });

async function build(c: EngineConnection, name: string, sql: string): Promise<void> {
  const { statements } = contractedTableSql(
    `"${name}"`,
    [col('id', 'int', [{ type: 'not_null' }, { type: 'primary_key' }]), col('amount', 'decimal(10,2)', [{ type: 'check', expression: 'amount >= 0' }]), col('code', 'text')],
    [{ type: 'unique', columns: ['code'] }],
    sql,
  );
  await c.transaction(async (t) => {
    for (const s of statements) await t.run(s);
  });
}

describe('contractedTableSql in DuckDB', () => {
  it('builds the declared types and enforces not_null, primary_key, check and unique', async () => {
    await build(db.conn, 'good', "select 'x' as code, 1 as id, 2.5 as amount -- trailing comment");
    expect(await db.conn.describeQuery('select * from good')).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'amount', type: 'DECIMAL(10,2)' },
      { name: 'code', type: 'VARCHAR' },
    ]);
    expect((await db.conn.query('select * from good')).rows).toEqual([{ id: 1, amount: 2.5, code: 'x' }]);

    await expect(build(db.conn, 'bad_null', 'select null as id, 1 as amount, 1 as code')).rejects.toThrow(/NOT NULL/i);
    await expect(build(db.conn, 'bad_pk', 'select 1 as id, 1 as amount, x as code from (values (1), (2)) v(x)')).rejects.toThrow(/primary key|duplicate/i);
    await expect(build(db.conn, 'bad_check', "select 1 as id, -1 as amount, 'a' as code")).rejects.toThrow(/CHECK/);
    await expect(build(db.conn, 'bad_unique', "select x as id, 1 as amount, 'same' as code from (values (1), (2)) v(x)")).rejects.toThrow(/unique|duplicate/i);
    // The failed builds ran in rolled-back transactions: none of their tables exist.
    expect(await db.conn.relationKind(db.database, 'main', 'bad_null')).toBeNull();
  });
});
