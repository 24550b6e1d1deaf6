import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine, EngineConnection } from '../../../src/engine/index.js';
import { ExecutionError } from '../../../src/errors/plan-error.js';
import { loadSeed, seedColumnTypes } from '../../../src/materialize/index.js';
import { freshEngine, rows, seed, tempDir } from './helpers.js';

let engine: Engine;
let conn: EngineConnection & { release(): void };
let dir: string;
beforeEach(async () => {
  engine = await freshEngine();
  conn = await engine.acquire();
  dir = tempDir();
});
afterEach(async () => {
  conn.release();
  await engine.close();
});

describe('loadSeed', () => {
  it('loads quoted fields holding commas, quotes and newlines', async () => {
    const node = seed(dir, 'people', 'id,name,note\n1,"Smith, Ann","said ""hi"""\n2,Bob,"two\nlines"\n');
    const result = await loadSeed({ node, conn, fullRefresh: false });
    expect(result).toEqual({ rowsAffected: 2, message: 'INSERT 2 rows' });
    expect(await rows(conn, 'select * from people order by id')).toEqual([
      { id: 1, name: 'Smith, Ann', note: 'said "hi"' },
      { id: 2, name: 'Bob', note: 'two\nlines' },
    ]);
  });

  it('applies column_types to some columns and infers the others', async () => {
    const node = seed(dir, 'codes', 'code,amount,day\n007,1.5,2024-01-02\n010,2,2024-02-03\n', { column_types: { code: 'VARCHAR' } });
    await loadSeed({ node, conn, fullRefresh: false });
    const types = await conn.describeRelation('dev', 'main', 'codes');
    expect(types).toEqual([
      { name: 'code', type: 'VARCHAR' },
      { name: 'amount', type: 'DOUBLE' },
      { name: 'day', type: 'DATE' },
    ]);
    expect(await seedColumnTypes(conn, node)).toEqual(types);
    expect(await rows(conn, 'select code from codes order by code')).toEqual([{ code: '007' }, { code: '010' }]);
  });

  it('replaces the old table atomically and keeps it when the new CSV is bad', async () => {
    const node = seed(dir, 's', 'id\n1\n2\n');
    await loadSeed({ node, conn, fullRefresh: false });
    seed(dir, 's', 'id\n3\n');
    await loadSeed({ node, conn, fullRefresh: false });
    expect(await rows(conn, 'select id from s')).toEqual([{ id: 3 }]);
    seed(dir, 's', 'id,name\n4,a\n5\n');
    await expect(loadSeed({ node, conn, fullRefresh: false })).rejects.toThrow(ExecutionError);
    expect(await rows(conn, 'select id from s')).toEqual([{ id: 3 }]);
    expect(await conn.relationKind('dev', 'main', 's__plan_tmp')).toBeNull();
  });

  it('reports an empty file', async () => {
    const node = seed(dir, 'empty', '');
    const error = await loadSeed({ node, conn, fullRefresh: false }).catch((e) => e);
    expect(error).toBeInstanceOf(ExecutionError);
    expect(error.message).toBe('seed seeds/empty.csv is empty: add a header row');
    expect(error.file).toBe('seeds/empty.csv');
  });

  it('turns a header-only file into an empty table of VARCHAR columns (or column_types)', async () => {
    const node = seed(dir, 'hdr', 'id,name\n', { column_types: { id: 'INTEGER' } });
    expect(await loadSeed({ node, conn, fullRefresh: false })).toEqual({ rowsAffected: 0, message: 'INSERT 0 rows' });
    expect(await conn.describeRelation('dev', 'main', 'hdr')).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'name', type: 'VARCHAR' },
    ]);
    expect(await seedColumnTypes(conn, node)).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'name', type: 'VARCHAR' },
    ]);
  });

  it('names the 1-based CSV line and the expected field count of a malformed row', async () => {
    // Line 3 holds a quoted newline, so the bad record starts on line 5.
    const node = seed(dir, 'bad', 'id,name\n1,"multi\nline"\n2,ok\n3,too,many\n');
    const error = await loadSeed({ node, conn, fullRefresh: false }).catch((e) => e);
    expect(error.message).toBe('seed seeds/bad.csv line 5: expected 2 fields (the header has 2 columns), found 3');
    expect(error.line).toBe(5);
  });

  it('reports an unterminated quote with the line it opens on', async () => {
    const node = seed(dir, 'unterm', 'id,name\n1,a\n2,"oops\n3,c\n');
    await expect(loadSeed({ node, conn, fullRefresh: false })).rejects.toThrow('seed seeds/unterm.csv line 3: a quoted field starting on this line is never closed');
  });

  it('rejects column_types naming a column the CSV does not have', async () => {
    const node = seed(dir, 'ct', 'id\n1\n', { column_types: { idd: 'INTEGER' } });
    await expect(loadSeed({ node, conn, fullRefresh: false })).rejects.toThrow("column_types names 'idd', which is not a column of the CSV (columns: id)");
  });

  it('reports a value that does not fit its column_types with the file', async () => {
    const node = seed(dir, 'conv', 'id\n1\n2\nabc\n', { column_types: { id: 'INTEGER' } });
    const error = await loadSeed({ node, conn, fullRefresh: false }).catch((e) => e);
    expect(error).toBeInstanceOf(ExecutionError);
    expect(error.message).toBe(`seed seeds/conv.csv line 4: Error when converting column "id". Could not convert string "abc" to 'INTEGER'`);
    expect(error.line).toBe(4);
    expect(error.file).toBe('seeds/conv.csv');
  });
});
