import { describe, expect, it } from 'vitest';
import { incrementalResultSql } from '../../../src/unit-tests/incremental-result-sql.js';
import { formatRowDiff } from '../../../src/unit-tests/format-row-diff.js';

const base = { existingSql: 'select * from this_rows', existingColumns: ['id', 'v'], newRowsSql: 'select * from new', newColumns: ['id', 'v'] };

describe('incrementalResultSql', () => {
  it('appends without a unique key', () => {
    const r = incrementalResultSql(base);
    expect(r.ok && r.sql).toContain('select * from existing_rows\nunion all by name');
  });

  it('replaces rows by unique key for delete+insert and merge', () => {
    for (const strategy of [undefined, 'delete+insert', 'merge']) {
      const r = incrementalResultSql({ ...base, strategy, uniqueKey: ['id', 'v'] });
      expect(r.ok && r.sql).toContain('where not exists (select 1 from new_rows n where n."id" = e."id" and n."v" = e."v")');
    }
  });

  it('overwrites touched partitions for insert_overwrite', () => {
    const r = incrementalResultSql({ ...base, strategy: 'insert_overwrite', partitionBy: ['v'] });
    expect(r.ok && r.sql).toContain('n."v" = e."v"');
  });

  it('follows on_schema_change for the final columns', () => {
    const changed = { ...base, newColumns: ['id', 'w'] };
    expect(incrementalResultSql(changed)).toMatchObject({ ok: true, sql: expect.stringMatching(/select "id", "v" from combined$/) });
    expect(incrementalResultSql({ ...changed, onSchemaChange: 'append_new_columns' })).toMatchObject({ sql: expect.stringMatching(/select "id", "v", "w" from combined$/) });
    expect(incrementalResultSql({ ...changed, onSchemaChange: 'sync_all_columns' })).toMatchObject({ sql: expect.stringMatching(/select "id", "w" from combined$/) });
    expect(incrementalResultSql({ ...changed, onSchemaChange: 'fail' })).toEqual({
      ok: false,
      error: "The model's columns changed (added: w; removed: v) and on_schema_change is 'fail'",
    });
  });

  it('explains strategies it cannot compute', () => {
    expect(incrementalResultSql({ ...base, strategy: 'merge' })).toEqual({ ok: false, error: "incremental_strategy 'merge' needs a unique_key" });
    expect(incrementalResultSql({ ...base, strategy: 'microbatch' })).toMatchObject({ ok: false });
  });
});

describe('formatRowDiff', () => {
  it('prefixes expected-only rows with - and actual-only rows with +', () => {
    expect(formatRowDiff(['id', 'status'], [
      { side: 'expected', row: { id: 1, status: 'shipped' } },
      { side: 'actual', row: { id: 1, status: null } },
    ])).toBe(['  | id | status  |', '- | 1  | shipped |', '+ | 1  | null    |'].join('\n'));
  });
});
