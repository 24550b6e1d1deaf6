import { describe, expect, it } from 'vitest';
import { evaluateLiterals } from '../../../src/materialize/incremental-in-place.js';
import { memoryConnection } from '../../helpers/memory-connection.js';

/** Static partitions written as literals are read without a query: the values must be what DuckDB returns for them. */
describe('partition literals', () => {
  const db = memoryConnection();

  it.each([
    ["'baseline'", '2025'],
    ["'it''s'", '-7'],
    ['NULL', '123456789'],
    ["''", '0'],
  ])('%s, %s: the same values as SELECTing them', async (a, b) => {
    const { rows } = await db.conn.query(`SELECT (${a}) AS s, (${b}) AS y`);
    const literal = evaluateLiterals(['s', 'y'], [[a, b]]);
    expect(literal?.partitions).toEqual([rows[0]]);
    expect(literal?.isNull).toEqual([[rows[0].s === null, rows[0].y === null]]);
  });

  it('leaves anything else (expressions, large or decimal numbers, functions) to DuckDB', () => {
    for (const expression of ['2024 + 1', '1.5', '12345678901', "upper('a')", 'current_date', '"col"']) {
      expect(evaluateLiterals(['x'], [[expression]]), expression).toBeUndefined();
    }
  });

  it('lists a partition written twice once', () => {
    expect(evaluateLiterals(['y'], [['2025'], ['2025'], ['2026']])?.partitions).toEqual([{ y: 2025 }, { y: 2026 }]);
  });
});
