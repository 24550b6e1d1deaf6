import { describe, expect, it } from 'vitest';
import { parenthesize, parseDuckDBMessage, stripTrailingSemicolons } from '../../../src/engine/index.js';
import { mapDbLineToModelLine } from '../../../src/materialize/index.js';

describe('stripTrailingSemicolons', () => {
  it('blanks trailing semicolons, also before trailing comments, keeping line count', () => {
    expect(stripTrailingSemicolons('select 1;')).toBe('select 1 ');
    expect(stripTrailingSemicolons('select 1;;\n-- done;\n/* x; */')).toBe('select 1  \n-- done;\n/* x; */');
    expect(stripTrailingSemicolons("select ';'")).toBe("select ';'");
    expect(stripTrailingSemicolons("select '--';")).toBe("select '--' ");
    expect(stripTrailingSemicolons('select 1 -- c;')).toBe('select 1 -- c;');
    expect(stripTrailingSemicolons('select 1; -- c\n ;')).toBe('select 1  -- c\n  ');
    expect(stripTrailingSemicolons('select 1; select 2')).toBe('select 1; select 2');
    expect(stripTrailingSemicolons('select "a;b"; ')).toBe('select "a;b"  ');
    expect(stripTrailingSemicolons('select 1\n')).toBe('select 1\n');
  });

  it('parenthesize puts the SQL on its own lines', () => {
    expect(parenthesize('select 1 -- c')).toBe('(\nselect 1 -- c\n)');
  });
});

describe('mapDbLineToModelLine', () => {
  it('maps statement lines back to model lines and refuses lines outside the model', () => {
    const modelSql = 'select\n  a\nfrom t;';
    const statement = `CREATE TABLE x AS ${parenthesize(modelSql)}`;
    expect(mapDbLineToModelLine(statement, 3, modelSql)).toBe(2);
    expect(mapDbLineToModelLine(statement, 1, modelSql)).toBeUndefined();
    expect(mapDbLineToModelLine(statement, 5, modelSql)).toBeUndefined();
  });
});

describe('parseDuckDBMessage', () => {
  it('splits kind, message, LINE n and the caret block', () => {
    const parsed = parseDuckDBMessage('Binder Error: Referenced column "x" not found\n\nLINE 3: where x > 1\n              ^');
    expect(parsed).toEqual({ kind: 'Binder', dbLine: 3, dbMessage: 'Referenced column "x" not found', caret: 'LINE 3: where x > 1\n              ^' });
    expect(parseDuckDBMessage('Invalid Input Error: bad').kind).toBe('Invalid Input');
    expect(parseDuckDBMessage('something odd')).toEqual({ kind: 'Unknown', dbLine: undefined, dbMessage: 'something odd', caret: undefined });
  });
});
