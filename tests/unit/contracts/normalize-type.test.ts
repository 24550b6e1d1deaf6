import { describe, expect, it } from 'vitest';
import { normalizeType, TypeSyntaxError, typesEqual } from '../../../src/contracts/normalize-type.js';

describe('normalizeType', () => {
  it.each([
    ['int', 'INTEGER'], ['Integer', 'INTEGER'], ['int4', 'INTEGER'], ['signed', 'INTEGER'],
    ['bigint', 'BIGINT'], ['int8', 'BIGINT'], ['long', 'BIGINT'],
    ['smallint', 'SMALLINT'], ['int2', 'SMALLINT'], ['tinyint', 'TINYINT'], ['int1', 'TINYINT'],
    ['hugeint', 'HUGEINT'], ['ubigint', 'UBIGINT'], ['uint8', 'UTINYINT'],
    ['varchar', 'VARCHAR'], ['text', 'VARCHAR'], ['string', 'VARCHAR'], ['char', 'VARCHAR'], ['bpchar', 'VARCHAR'],
    ['varchar(255)', 'VARCHAR'], ['character varying(10)', 'VARCHAR'],
    ['double', 'DOUBLE'], ['float8', 'DOUBLE'], ['double precision', 'DOUBLE'],
    ['real', 'FLOAT'], ['float4', 'FLOAT'], ['float', 'FLOAT'], ['float(53)', 'DOUBLE'],
    ['decimal(10,2)', 'DECIMAL(10,2)'], ['numeric( 10 , 2 )', 'DECIMAL(10,2)'], ['decimal', 'DECIMAL(18,3)'],
    ['numeric', 'DECIMAL(18,3)'], ['numeric(5)', 'DECIMAL(5,0)'],
    ['bool', 'BOOLEAN'], ['logical', 'BOOLEAN'],
    ['timestamptz', 'TIMESTAMP WITH TIME ZONE'], ['timestamp with time zone', 'TIMESTAMP WITH TIME ZONE'],
    ['TIMESTAMP   WITH  TIME ZONE', 'TIMESTAMP WITH TIME ZONE'],
    ['timestamp', 'TIMESTAMP'], ['datetime', 'TIMESTAMP'], ['timestamp without time zone', 'TIMESTAMP'],
    ['date', 'DATE'], ['time', 'TIME'], ['timetz', 'TIME WITH TIME ZONE'], ['interval', 'INTERVAL'],
    ['uuid', 'UUID'], ['blob', 'BLOB'], ['bytea', 'BLOB'], ['json', 'JSON'],
    ['int[]', 'INTEGER[]'], ['text[][]', 'VARCHAR[][]'], ['int[3]', 'INTEGER[3]'], ['integer array', 'INTEGER[]'],
    ['struct(a int, b text)', 'STRUCT(a INTEGER, b VARCHAR)'],
    ['STRUCT(a INT, b STRUCT(c int[]))', 'STRUCT(a INTEGER, b STRUCT(c INTEGER[]))'],
    ['struct("B c" text)', 'STRUCT("B c" VARCHAR)'],
    ['map(text, int)', 'MAP(VARCHAR, INTEGER)'],
    ["enum('x','y')", "ENUM('x', 'y')"],
    ['decimal(10,2)[]', 'DECIMAL(10,2)[]'],
    ['geometry', 'GEOMETRY'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeType(input)).toBe(expected);
  });

  it('rejects text that is not a type', () => {
    expect(() => normalizeType('int,')).toThrow(TypeSyntaxError);
    expect(() => normalizeType('struct(a int')).toThrow(TypeSyntaxError);
    expect(() => normalizeType('')).toThrow(TypeSyntaxError);
  });
});

describe('typesEqual', () => {
  it('treats aliases as equal and different types as different', () => {
    expect(typesEqual('int', 'INTEGER')).toBe(true);
    expect(typesEqual('text', 'VARCHAR')).toBe(true);
    expect(typesEqual('decimal(10,2)', 'DECIMAL(10,2)')).toBe(true);
    expect(typesEqual('decimal(10,2)', 'DECIMAL(10,3)')).toBe(false);
    expect(typesEqual('int', 'BIGINT')).toBe(false);
    expect(typesEqual('timestamp', 'TIMESTAMP WITH TIME ZONE')).toBe(false);
    expect(typesEqual('struct(A int)', 'STRUCT(a INTEGER)')).toBe(true);
  });
});
