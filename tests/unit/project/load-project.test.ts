import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/project/load-project.js';
import { parseDocBlocks } from '../../../src/project/doc-blocks.js';
import { writeProject } from '../config/helpers.js';

const FILES = {
  'project.yml': 'name: flagship\ntest-paths: [tests/data]\ndocs-paths: [docs]\n',
  'models/staging/stg_orders.sql': 'select 1 as id',
  'models/marts/fct_orders.sql': "select * from {{ ref('stg_orders') }}",
  'models/.hidden/skip.sql': 'select 1',
  'models/staging/schema.yml': 'version: 2\nmodels:\n  - name: stg_orders\n    columns: [{name: id, tests: [unique]}]\n',
  'models/marts/marts.yaml': 'version: 2\nunit_tests:\n  - name: t\n    model: fct_orders\n    given:\n      - input: ref(\'stg_orders\')\n        format: csv\n        fixture: stg_rows\n    expect: {format: csv, fixture: expected}\n',
  'models/overview.md': '# notes\n\n{% docs orders %}\nAll the orders.\n{% enddocs %}\n',
  'docs/more.md': '{%- docs amount -%}\nIn cents.\n{%- enddocs -%}\n',
  'seeds/countries.csv': 'code,name\nnl,Netherlands\n',
  'seeds/props.yml': 'version: 2\nseeds:\n  - name: countries\n',
  'macros/cents.sql': '{% macro cents(x) %}{{ x }} * 100{% endmacro %}',
  'tests/data/assert_positive.sql': 'select 1 where false',
  'tests/data/generic/is_even.sql': '{% test is_even(model, column_name) %}select 1{% endtest %}',
  'tests/data/fixtures/stg_rows.csv': 'id\n1\n',
  'tests/data/fixtures/expected.csv': 'id\n1\n',
  'target/compiled/x.sql': 'select 1',
};

describe('loadProject', () => {
  it('finds every kind of file, sorted, with posix paths and sha256 checksums', () => {
    const dir = writeProject(FILES);
    const { value, diagnostics } = loadProject(dir);
    expect(diagnostics).toEqual([]);
    const p = value!;
    expect(p.models.map((f) => f.path)).toEqual(['models/marts/fct_orders.sql', 'models/staging/stg_orders.sql']);
    expect(p.models[0]).toMatchObject({ rootDir: 'models', contents: "select * from {{ ref('stg_orders') }}" });
    expect(p.models[1].checksum).toBe(createHash('sha256').update('select 1 as id').digest('hex'));
    expect(p.seeds.map((f) => f.path)).toEqual(['seeds/countries.csv']);
    expect(p.macros.map((f) => f.path)).toEqual(['macros/cents.sql']);
    expect(p.singularTests.map((f) => f.path)).toEqual(['tests/data/assert_positive.sql']);
    expect(p.singularTests[0].rootDir).toBe('tests/data');
    expect(p.genericTestFiles.map((f) => f.path)).toEqual(['tests/data/generic/is_even.sql']);
    expect(p.propertyFiles.map((f) => f.path)).toEqual(['models/marts/marts.yaml', 'models/staging/schema.yml', 'seeds/props.yml']);
    expect(p.docs).toEqual([
      { name: 'orders', contents: 'All the orders.', file: 'models/overview.md', line: 3 },
      { name: 'amount', contents: 'In cents.', file: 'docs/more.md', line: 1 },
    ].sort((a, b) => (a.file < b.file ? -1 : 1)));
  });

  it('reads unit test fixtures from <test-path>/fixtures', () => {
    const p = loadProject(writeProject(FILES)).value!;
    const t = p.propertyFiles[0].unitTests[0];
    expect(t.given[0]).toMatchObject({ format: 'csv', fixture: 'stg_rows', csv: 'id\n1\n' });
    expect(t.expect).toMatchObject({ format: 'csv', fixture: 'expected', csv: 'id\n1\n' });
  });

  it('reports a missing fixture with a did-you-mean', () => {
    const files = { ...FILES, 'tests/data/fixtures/stg_rows.csv': undefined } as Record<string, string | undefined>;
    delete files['tests/data/fixtures/stg_rows.csv'];
    const { diagnostics } = loadProject(writeProject(files as Record<string, string>));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'properties.missing_fixture', file: 'models/marts/marts.yaml', line: 3 });
  });

  it('collects problems from every file and reports the same model described twice', () => {
    const { value, diagnostics } = loadProject(
      writeProject({
        'project.yml': 'name: p\n',
        'models/a.yml': 'version: 2\nmodels:\n  - name: m\n    descripton: x\n',
        'models/b.yml': 'version: 2\nmodels:\n  - name: m\n',
        'models/m.sql': 'select 1',
      }),
    );
    expect(value).toBeDefined();
    expect(diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([
      ['models/a.yml', 4, 'properties.unknown_key'],
      ['models/b.yml', 3, 'properties.duplicate_entry'],
    ]);
    expect(diagnostics[1].message).toMatch(/models\/a\.yml:3 and models\/b\.yml:3/);
  });

  it('returns no project when the config cannot be read', () => {
    const { value, diagnostics } = loadProject(writeProject({ 'project.yml': 'name: [\n' }));
    expect(value).toBeUndefined();
    expect(diagnostics[0].code).toBe('yaml.syntax');
  });

  it('warns about a configured model path that does not exist', () => {
    const { diagnostics } = loadProject(writeProject({ 'project.yml': 'name: p\nmodel-paths: [modles]\n' }));
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'project.missing_path' });
  });
});

describe('parseDocBlocks', () => {
  it('finds blocks with 1-based lines and reports unclosed ones', () => {
    const { blocks, diagnostics } = parseDocBlocks('{% docs a %}x{% enddocs %}\n\n{% docs b %}\nnever closed\n', 'd.md');
    expect(blocks).toEqual([{ name: 'a', contents: 'x', file: 'd.md', line: 1 }]);
    expect(diagnostics).toMatchObject([{ line: 3, code: 'docs.invalid_block' }]);
  });
});
