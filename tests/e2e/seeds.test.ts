import { describe, expect, it } from 'vitest';
import { expectNoStack, makeProject, nodeLines, output, plan, queryMany, removeProject, writeFile } from './helpers.js';

describe('plan seed', () => {
  it('loads CSVs with column_types, quoted fields and header-only files; --full-refresh reloads', () => {
    const dir = makeProject({
      'project.yml': 'name: test\nprofile: test\nseeds:\n  test:\n    codes:\n      +column_types:\n        code: varchar\n',
      'seeds/codes.csv': 'code,label,amount\n001,"Smith, John",1.5\n002,"says ""hi""",2\n',
      'seeds/empty_rows.csv': 'id,name\n',
      'seeds/props.yml': 'version: 2\nseeds:\n  - name: empty_rows\n    config:\n      column_types:\n        id: integer\n',
    });
    try {
      const run = plan(dir, 'seed');
      expect(run.code, output(run)).toBe(0);
      expect(nodeLines(run)).toHaveLength(2);
      const t = queryMany(dir, {
        codes: 'select code, label, amount from codes order by code',
        types: "select column_name, data_type from information_schema.columns where table_name in ('codes', 'empty_rows') order by table_name, column_name",
        empty: 'select * from empty_rows',
      });
      expect(t.codes).toEqual([
        { code: '001', label: 'Smith, John', amount: 1.5 },
        { code: '002', label: 'says "hi"', amount: 2 },
      ]);
      expect(t.types).toEqual([
        { column_name: 'amount', data_type: 'DOUBLE' },
        { column_name: 'code', data_type: 'VARCHAR' },
        { column_name: 'label', data_type: 'VARCHAR' },
        { column_name: 'id', data_type: 'INTEGER' },
        { column_name: 'name', data_type: 'VARCHAR' },
      ]);
      expect(t.empty).toEqual([]);

      writeFile(dir, 'seeds/codes.csv', 'code,label,amount\n003,x,3\n');
      expect(plan(dir, 'seed', '--full-refresh', '-s', 'codes').code).toBe(0);
      expect(queryMany(dir, { codes: 'select code from codes' }).codes).toEqual([{ code: '003' }]);
    } finally {
      removeProject(dir);
    }
  });

  it('infers types as dbt does where it can: whole numbers INTEGER (BIGINT past 32 bits), decimals DOUBLE, dates, booleans', () => {
    const dir = makeProject({
      'seeds/kinds.csv': 'small,big,ratio,day,flag,zip,label\n1,3000000000,1.5,2024-01-31,true,00123,a\n-7,5,2,2024-02-29,false,04567,b\n',
    });
    try {
      const run = plan(dir, 'seed');
      expect(run.code, output(run)).toBe(0);
      const t = queryMany(dir, {
        types: "select column_name, data_type from information_schema.columns where table_name = 'kinds' order by ordinal_position",
        rows: 'select small, big, zip from kinds order by small',
      });
      expect(t.types).toEqual([
        { column_name: 'small', data_type: 'INTEGER' },
        { column_name: 'big', data_type: 'BIGINT' },
        { column_name: 'ratio', data_type: 'DOUBLE' },
        { column_name: 'day', data_type: 'DATE' },
        { column_name: 'flag', data_type: 'BOOLEAN' },
        { column_name: 'zip', data_type: 'VARCHAR' },
        { column_name: 'label', data_type: 'VARCHAR' },
      ]);
      expect(t.rows).toEqual([
        { small: -7, big: 5, zip: '04567' },
        { small: 1, big: 3000000000, zip: '00123' },
      ]);
    } finally {
      removeProject(dir);
    }
  });

  it('an empty file and a malformed row are errors with the file (and line)', () => {
    const dir = makeProject({
      'seeds/empty.csv': '',
      'seeds/bad.csv': 'a,b\n1,2\n3,4,5\n6,7\n',
      'seeds/good.csv': 'a\n1\n',
      'models/uses_bad.sql': "select * from {{ ref('bad') }}",
    });
    try {
      const run = plan(dir, 'build');
      expect(run.code, output(run)).toBe(1);
      expectNoStack(run);
      expect(run.stdout).toMatch(/seeds\/empty\.csv: .*empty/i);
      expect(run.stdout).toMatch(/seeds\/bad\.csv:3: .*(3 values|3 fields|expected 2)/i);
      const lines = nodeLines(run);
      expect(lines.find((l) => l.includes(' good'))).toMatch(/ OK /);
      expect(lines.find((l) => l.includes('uses_bad'))).toMatch(/ SKIP /);
    } finally {
      removeProject(dir);
    }
  });
});
