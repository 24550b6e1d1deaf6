import { describe, expect, it } from 'vitest';
import { compiled, diagnosticsOf, modelOf, prepare } from './helpers.js';

/** dbt's built-in names that projects and packages call: builtins, should_full_refresh, should_store_failures, source()'s arguments. */
describe('dbt built-ins', () => {
  const SOURCES = 'version: 2\nsources:\n  - name: raw\n    schema: landing\n    tables: [{name: orders}]\n';

  it("a project's source macro can wrap builtins.source (the override pattern of dbt projects)", () => {
    const p = prepare({
      'models/sources.yml': SOURCES,
      'macros/source.sql': '{% macro source(source_name, table_name) %}{{ return(builtins.source(source_name, table_name).include(database=False)) }}{% endmacro %}',
      'models/m.sql': "select * from {{ source('raw', 'orders') }} join {{ builtins.ref('n') }} using (id)",
      'models/n.sql': 'select 1 as id',
    });
    expect(compiled(p, 'm')).toBe('select * from "landing"."orders" join "test"."main"."n" using (id)');
    expect(modelOf(p, 'm').dependsOn.nodes).toEqual(expect.arrayContaining(['source.test.raw.orders', 'model.test.n']));
  });

  it('should_full_refresh and should_store_failures follow the config, then the command flag', () => {
    const files = {
      'models/a.sql': "select {{ should_full_refresh() }} as fr, {{ should_store_failures() }} as sf",
      'models/b.sql': "{{ config(full_refresh=false, store_failures=true) }}select {{ should_full_refresh() }} as fr, {{ should_store_failures() }} as sf",
    };
    const plain = prepare(files);
    expect(compiled(plain, 'a')).toBe('select False as fr, False as sf');
    const flagged = prepare(files, { flags: { FULL_REFRESH: true, STORE_FAILURES: true } });
    expect(compiled(flagged, 'a')).toBe('select True as fr, True as sf');
    expect(compiled(flagged, 'b')).toBe('select False as fr, True as sf');
  });

  it('source() with one argument is a compile error that says what it takes', () => {
    const [diag] = diagnosticsOf({ 'models/sources.yml': SOURCES, 'models/m.sql': "select * from {{ source('orders') }}" });
    expect(diag.message).toMatch(/source\(\) takes 2 arguments \(source name, table name\), got 1/);
    expect(diag.file).toBe('models/m.sql');
  });
});
