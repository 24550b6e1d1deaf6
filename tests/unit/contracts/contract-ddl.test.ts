import { describe, expect, it } from 'vitest';
import { contractDdl, contractedTableSql } from '../../../src/contracts/contract-ddl.js';
import type { ColumnInfo } from '../../../src/manifest/types.js';
import type { ColumnConstraint } from '../../../src/project/types.js';

function col(name: string, data_type: string | undefined, constraints: ColumnConstraint[] = []): ColumnInfo {
  return { name, description: '', data_type, constraints, meta: {}, tags: [] };
}

describe('contractDdl', () => {
  it('writes column constraints in DuckDB syntax', () => {
    const ddl = contractDdl([
      col('id', 'int', [{ type: 'not_null' }, { type: 'primary_key' }]),
      col('email', 'text', [{ type: 'unique', name: 'uq_email' }]),
      col('amount', 'decimal(10,2)', [{ type: 'check', expression: 'amount >= 0' }]),
      col('x', 'int', [{ type: 'custom', expression: 'DEFAULT 1' }]),
    ]);
    expect(ddl.columnDdl).toEqual([
      '"id" int NOT NULL PRIMARY KEY',
      '"email" text CONSTRAINT "uq_email" UNIQUE',
      '"amount" decimal(10,2) CHECK (amount >= 0)',
      '"x" int DEFAULT 1',
    ]);
    expect(ddl.tableConstraints).toEqual([]);
    expect(ddl.warnings).toEqual([]);
  });

  it('writes model-level constraints and turns model-level not_null into column NOT NULL', () => {
    const ddl = contractDdl(
      [col('a', 'int'), col('b', 'int')],
      [
        { type: 'primary_key', columns: ['a', 'b'] },
        { type: 'unique', columns: ['b'] },
        { type: 'check', expression: 'a < b' },
        { type: 'not_null', columns: ['b'] },
      ],
    );
    expect(ddl.columnDdl).toEqual(['"a" int', '"b" int NOT NULL']);
    expect(ddl.tableConstraints).toEqual(['PRIMARY KEY ("a", "b")', 'UNIQUE ("b")', 'CHECK (a < b)']);
  });

  it('warns about foreign keys (unless warn_unenforced: false) and constraints it cannot write', () => {
    const ddl = contractDdl(
      [col('a', 'int', [{ type: 'foreign_key', expression: 'other (id)' }, { type: 'check' }]), col('b', 'int', [{ type: 'foreign_key', warn_unenforced: false }])],
      [{ type: 'primary_key' }, { type: 'unique', columns: ['nope'] }],
    );
    expect(ddl.columnDdl).toEqual(['"a" int', '"b" int']);
    expect(ddl.warnings).toHaveLength(4);
    expect(ddl.warnings.join('\n')).toMatch(/foreign_key constraint on column 'a' is not enforced/);
    expect(ddl.warnings.join('\n')).toMatch(/check constraint on column 'a' has no `expression:`/);
    expect(ddl.warnings.join('\n')).toMatch(/model-level primary_key constraint has no `columns:`/);
    expect(ddl.warnings.join('\n')).toMatch(/names column 'nope'/);
  });

  it('refuses a column without a data_type', () => {
    expect(() => contractDdl([col('a', undefined)])).toThrow(/column 'a' has no data_type|Column 'a' has no data_type/);
  });
});

describe('contractedTableSql', () => {
  it('creates the table, then inserts the model rows by name with the SQL on its own lines', () => {
    const { statements } = contractedTableSql('"db"."main"."t"', [col('id', 'int', [{ type: 'not_null' }]), col('n', 'text')], [], 'select 1 as id, \'a\' as n; -- done');
    expect(statements[0]).toBe('create table "db"."main"."t" (\n  "id" int NOT NULL,\n  "n" text\n)');
    expect(statements[1]).toMatch(/^insert into "db"."main"."t" \("id", "n"\)\nselect "id", "n" from \(\nselect 1 as id, 'a' as n {2}-- done\n\) as model_subq$/);
  });
});
