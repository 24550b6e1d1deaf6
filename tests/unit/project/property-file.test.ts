import { describe, expect, it } from 'vitest';
import { parsePropertyFile } from '../../../src/project/property-file.js';

describe('parsePropertyFile', () => {
  it('reads models with columns, tests, constraints and folds tags/meta into config', () => {
    const { value, diagnostics } = parsePropertyFile(`version: 2
models:
  - name: orders
    description: All orders
    tags: [daily]
    meta: {owner: a}
    config:
      materialized: table
      tags: [core]
      contract: {enforced: true}
    constraints:
      - type: primary_key
        columns: [id]
    data_tests:
      - dbt_utils.expression_is_true: {expression: "amount >= 0"}
    columns:
      - name: id
        data_type: integer
        constraints: [{type: not_null}]
        tests: [unique, not_null]
      - name: amount
        description: "{{ doc('amount') }}"
`, 'models/schema.yml');
    expect(diagnostics).toEqual([]);
    const model = value!.models[0];
    expect(model).toMatchObject({
      name: 'orders',
      description: 'All orders',
      config: { materialized: 'table', tags: ['daily', 'core'], meta: { owner: 'a' }, contract: { enforced: true } },
      constraints: [{ type: 'primary_key', columns: ['id'] }],
      location: { file: 'models/schema.yml', line: 3 },
    });
    expect(model.tests[0]).toMatchObject({ name: 'expression_is_true', namespace: 'dbt_utils', location: { line: 15 } });
    expect(model.columns).toHaveLength(2);
    expect(model.columns[0]).toMatchObject({ name: 'id', data_type: 'integer', constraints: [{ type: 'not_null' }], location: { line: 17 } });
    expect(model.columns[0].tests.map((t) => t.name)).toEqual(['unique', 'not_null']);
    expect(model.columns[1]).toMatchObject({ description: "{{ doc('amount') }}", tests: [], tags: [], meta: {} });
  });

  it('reports unknown keys with file, line, key path and did-you-mean', () => {
    const { value, diagnostics } = parsePropertyFile(`version: 2
models:
  - name: orders
    descripton: x
    columns:
      - name: id
        data_typ: int
`, 'models/schema.yml');
    expect(diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['error', 4, "models[orders].descripton: unknown key 'descripton' (did you mean 'description'?)"],
      ['error', 7, "models[orders].columns[id].data_typ: unknown key 'data_typ' (did you mean 'data_type'?)"],
    ]);
    expect(value!.models[0].columns[0].name).toBe('id');
  });

  it('reports a column declared twice with both lines', () => {
    const { diagnostics } = parsePropertyFile('version: 2\nmodels:\n  - name: m\n    columns:\n      - name: id\n      - name: x\n      - name: ID\n', 'm.yml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'properties.duplicate_column', line: 7 });
    expect(diagnostics[0].message).toMatch(/lines 5 and 7/);
  });

  it('takes a file without version (optional since dbt 1.5), errors on other versions and on model versions', () => {
    // Optional since dbt 1.5: no warning.
    expect(parsePropertyFile('models: []\n', 'a.yml').diagnostics).toEqual([]);
    expect(parsePropertyFile('version: 1\n', 'a.yml').diagnostics[0]).toMatchObject({ severity: 'error', line: 1 });
    const v = parsePropertyFile('version: 2\nmodels:\n  - name: m\n    latest_version: 2\n    versions: [{v: 1}]\n', 'a.yml');
    expect(v.diagnostics.map((d) => [d.severity, d.line])).toEqual([['error', 5]]);
    expect(v.diagnostics[0].message).toMatch(/model versions are not supported by plan/);
  });

  it('accepts and ignores metrics, semantic_models, groups, analyses, snapshots; reads exposures', () => {
    const { value, diagnostics } = parsePropertyFile(
      "version: 2\nexposures: [{name: e, type: dashboard, owner: {email: a@b.c}, depends_on: [\"ref('m')\", \"source('s', 't')\", \"ref('pkg', 'n')\"]}]\nmetrics: []\nsemantic_models: []\ngroups: []\nanalyses: []\nsnapshots: []\n",
      'a.yml',
    );
    expect(diagnostics).toEqual([]);
    expect(value).toMatchObject({ models: [], sources: [] });
    expect(value?.exposures[0]).toMatchObject({
      name: 'e',
      type: 'dashboard',
      owner: { email: 'a@b.c' },
      dependsOn: [{ kind: 'ref', name: 'm' }, { kind: 'source', source: 's', table: 't' }, { kind: 'ref', package: 'pkg', name: 'n' }],
      enabled: true,
    });
    const bad = parsePropertyFile('version: 2\nexposures:\n  - name: e\n    owner: {}\n    type: chart\n', 'a.yml').diagnostics.map((d) => d.message).join('\n');
    expect(bad).toMatch(/expected one of dashboard, notebook, analysis, ml, application/);
    expect(parsePropertyFile('version: 2\nmodles: []\n', 'a.yml').diagnostics[0].message).toMatch(/did you mean 'models'/);
  });

  it('makes unknown configs errors for plan projects and warnings for dbt projects', () => {
    const yml = 'version: 2\nmodels:\n  - name: m\n    config: {materialised: table}\n';
    expect(parsePropertyFile(yml, 'a.yml', 'plan').diagnostics[0]).toMatchObject({ severity: 'error', line: 4 });
    expect(parsePropertyFile(yml, 'a.yml', 'dbt').diagnostics[0]).toMatchObject({ severity: 'warning' });
    expect(parsePropertyFile(yml, 'a.yml').diagnostics[0].message).toMatch(/did you mean 'materialized'/);
  });

  it('reads sources with tables, defaulting schema to the source name', () => {
    const { value, diagnostics } = parsePropertyFile(`version: 2
sources:
  - name: raw
    loader: csv
    tags: [ext]
    tables:
      - name: orders
        identifier: raw_orders
        loaded_at_field: loaded_at
        columns: [{name: id, tests: [unique]}]
        data_tests: [{dbt_utils.recency: {datepart: day, field: loaded_at, interval: 1}}]
  - name: erp
    schema: erp_main
    database: warehouse
    tables: [{name: customers}]
`, 'models/sources.yml');
    expect(diagnostics).toEqual([]);
    expect(value!.sources[0]).toMatchObject({ name: 'raw', schema: 'raw', tags: ['ext'], config: { loader: 'csv' } });
    expect(value!.sources[0].tables[0]).toMatchObject({ name: 'orders', identifier: 'raw_orders', config: { loaded_at_field: 'loaded_at' }, location: { line: 7 } });
    expect(value!.sources[0].tables[0].tests[0]).toMatchObject({ name: 'recency', namespace: 'dbt_utils' });
    expect(value!.sources[1]).toMatchObject({ schema: 'erp_main', database: 'warehouse' });
  });

  it('reads seeds and macros', () => {
    const { value } = parsePropertyFile('version: 2\nseeds:\n  - name: countries\n    config: {column_types: {code: varchar}}\nmacros:\n  - name: cents\n    description: to cents\n    arguments: [{name: col, type: string}]\n', 'seeds/p.yml');
    expect(value!.seeds[0]).toMatchObject({ name: 'countries', config: { column_types: { code: 'varchar' } } });
    expect(value!.macros[0]).toMatchObject({ name: 'cents', description: 'to cents', location: { line: 6 } });
  });

  it('reads unit tests in dict, csv and sql formats', () => {
    const { value, diagnostics } = parsePropertyFile(`version: 2
unit_tests:
  - name: test_totals
    model: fct_orders
    given:
      - input: ref('stg_orders')
        rows:
          - {id: 1, amount: 10}
      - input: source('raw', 'customers')
        format: csv
        rows: |
          id,name
          1,a
      - input: ref('empty')
      - input: ref('sql_in')
        format: sql
        rows: select 1 as id
    expect:
      rows: [{id: 1, total: 10}]
    overrides:
      vars: {year: 2025}
      macros: {is_incremental: true}
    config: {tags: [unit]}
`, 'models/unit.yml');
    expect(diagnostics).toEqual([]);
    const t = value!.unitTests[0];
    expect(t.given).toEqual([
      { input: "ref('stg_orders')", format: 'dict', rows: [{ id: 1, amount: 10 }] },
      { input: "source('raw', 'customers')", format: 'csv', csv: 'id,name\n1,a\n' },
      { input: "ref('empty')", format: 'dict', rows: [] },
      { input: "ref('sql_in')", format: 'sql', sql: 'select 1 as id' },
    ]);
    expect(t.expect).toEqual({ format: 'dict', rows: [{ id: 1, total: 10 }] });
    expect(t.overrides).toEqual({ vars: { year: 2025 }, macros: { is_incremental: true }, env_vars: {} });
    expect(t.config).toEqual({ tags: ['unit'] });
  });

  it('reports unit test problems: missing model, rows shape not matching format', () => {
    const { diagnostics } = parsePropertyFile(`version: 2
unit_tests:
  - name: a
    given: []
    expect: {rows: []}
  - name: b
    model: m
    given:
      - input: ref('x')
        format: csv
        rows: [{id: 1}]
    expect: {rows: []}
`, 'u.yml');
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [3, "unit_tests[a]: missing required key 'model'"],
      [11, expect.stringMatching(/format csv expects the rows as text/)],
    ]);
  });

  it('reports a top-level that is not a mapping, and wrong types with expected vs found', () => {
    expect(parsePropertyFile('- a\n', 'a.yml').value).toBeUndefined();
    const { diagnostics } = parsePropertyFile('version: 2\nmodels:\n  - name: m\n    columns: {id: {}}\n', 'a.yml');
    expect(diagnostics[0]).toMatchObject({ line: 4 });
    expect(diagnostics[0].message).toBe('models[m].columns: expected a list of columns, found a mapping');
  });
});
