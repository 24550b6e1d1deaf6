import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from '../../../src/unit-tests/parse-csv.js';

describe('parseCsv', () => {
  it('reads a header and rows, trimming unquoted fields; empty unquoted is null, "" is empty', () => {
    expect(parseCsv('id, name ,note\n1, a ,\n2,"b, c",""\r\n')).toEqual({
      header: ['id', 'name', 'note'],
      rows: [
        ['1', 'a', null],
        ['2', 'b, c', ''],
      ],
    });
  });

  it('handles doubled quotes and newlines inside quotes, and skips blank lines', () => {
    expect(parseCsv('a,b\n\n"say ""hi""","x\ny"\n\n').rows).toEqual([['say "hi"', 'x\ny']]);
  });

  it('rejects ragged rows and broken quoting with the line', () => {
    expect(() => parseCsv('a,b\n1,2,3')).toThrow(/line 2 has 3 fields but the header has 2/);
    expect(() => parseCsv('a\n"open')).toThrow(CsvError);
    expect(() => parseCsv('a\nx"y')).toThrow(/quote inside an unquoted field on line 2/);
  });
});
