import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/plan-error.js';
import { fixtureSql } from '../../../src/unit-tests/fixture-sql.js';
import { fixtureRelationName, parseGivenInput } from '../../../src/unit-tests/given-input.js';
import { sqlLiteral } from '../../../src/unit-tests/sql-literal.js';

const schema = [
  { name: 'id', type: 'INTEGER' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'at', type: 'DATE' },
];

describe('fixtureSql', () => {
  it('casts every value to the relation type and fills missing columns with typed NULLs', () => {
    expect(fixtureSql({ format: 'dict', rows: [{ id: 1, name: "o'k" }, { ID: 2, at: '2024-01-31' }] }, schema)).toBe(
      [
        `select cast(1 as INTEGER) as "id", cast('o''k' as VARCHAR) as "name", cast(NULL as DATE) as "at"`,
        'union all',
        `select cast(2 as INTEGER) as "id", cast(NULL as VARCHAR) as "name", cast('2024-01-31' as DATE) as "at"`,
      ].join('\n'),
    );
  });

  it('reads csv fixtures (empty field = NULL)', () => {
    expect(fixtureSql({ format: 'csv', csv: 'id,name\n1,\n' }, schema)).toBe(
      `select cast('1' as INTEGER) as "id", cast(NULL as VARCHAR) as "name", cast(NULL as DATE) as "at"`,
    );
  });

  it('gives an empty typed relation for no rows, and passes sql fixtures through', () => {
    expect(fixtureSql({ format: 'dict', rows: [] }, schema.slice(0, 1))).toBe('select cast(NULL as INTEGER) as "id" where false');
    expect(fixtureSql({ format: 'sql', sql: 'select 1 as id' }, schema)).toBe('select 1 as id');
  });

  it('uses uncast literals when the schema is unknown', () => {
    expect(fixtureSql([{ a: 1, b: true }], [])).toBe('select 1 as "a", true as "b"');
  });

  it('rejects a column the relation does not have, listing the ones it has', () => {
    const run = (): string => fixtureSql({ format: 'dict', rows: [{ idd: 1 }] }, schema, { label: "given ref('stg')", file: 'models/u.yml', line: 7 });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow("given ref('stg') names column 'idd' which the relation does not have (it has id, name, at)");
    try {
      run();
    } catch (e) {
      expect((e as ConfigError).file).toBe('models/u.yml');
      expect((e as ConfigError).line).toBe(7);
    }
  });
});

describe('sqlLiteral', () => {
  it('writes lists and structs as DuckDB literals', () => {
    expect(sqlLiteral([1, 'a', null])).toBe("[1, 'a', NULL]");
    expect(sqlLiteral({ k: [true] })).toBe("{'k': [true]}");
  });
});

describe('parseGivenInput / fixtureRelationName', () => {
  it('parses ref, ref with package or version, source and this', () => {
    expect(parseGivenInput("ref('stg_orders')")).toEqual({ kind: 'ref', name: 'stg_orders' });
    expect(parseGivenInput('ref("pkg", "m")')).toEqual({ kind: 'ref', name: 'm', package: 'pkg' });
    expect(parseGivenInput("ref('m', v=2)")).toEqual({ kind: 'ref', name: 'm', version: '2' });
    expect(parseGivenInput("source('raw', 'orders')")).toEqual({ kind: 'source', source: 'raw', table: 'orders' });
    expect(parseGivenInput(' this ')).toEqual({ kind: 'this' });
    expect(parseGivenInput('stg_orders')).toBeUndefined();
  });

  it('names fixtures per test and input, as safe identifiers', () => {
    expect(fixtureRelationName('t-1', { kind: 'source', source: 'raw', table: 'orders' })).toBe('__plan_ut__t_1__raw__orders');
    expect(fixtureRelationName('t', { kind: 'this' })).toBe('__plan_ut__t__this');
  });
});
