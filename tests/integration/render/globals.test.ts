import { describe, expect, it } from 'vitest';
import { compiled, diagnosticsOf, modelOf, prepare } from './helpers.js';

const SOURCES = `sources:
  - name: raw
    tables:
      - name: orders
`;

describe('template globals', () => {
  it('ref and source resolve to quoted relations and become depends_on', () => {
    const p = prepare({
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select * from {{ ref('a') }} join {{ source('raw', 'orders') }} using (id) join {{ ref('test', 'a') }} x using (id)",
      'models/sources.yml': SOURCES,
    });
    expect(compiled(p, 'b')).toBe('select * from "test"."main"."a" join "test"."raw"."orders" using (id) join "test"."main"."a" x using (id)');
    expect(modelOf(p, 'b').dependsOn.nodes).toEqual(['model.test.a', 'source.test.raw.orders']);
  });

  it('var: --vars win over project vars, defaults apply, a missing var names the model and the var', () => {
    const files = {
      'project.yml': 'name: test\nprofile: test\nvars:\n  year: 2024\n  region: eu\n',
      'models/a.sql': "select {{ var('year') }} as y, '{{ var('region') }}' as r, {{ var('absent', 7) }} as d",
    };
    expect(compiled(prepare(files), 'a')).toBe("select 2024 as y, 'eu' as r, 7 as d");
    expect(compiled(prepare(files, { cliVars: { year: 2025 } }), 'a')).toBe("select 2025 as y, 'eu' as r, 7 as d");

    const diags = diagnosticsOf({ 'models/m.sql': "select 1 as a,\n  {{ var('start_year') }} as y" });
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', code: 'render.missing_var', file: 'models/m.sql', line: 2 });
    expect(diags[0].message).toContain("model 'm'");
    expect(diags[0].message).toContain("var 'start_year'");
  });

  it('a missing var or env_var inside a macro points at the macro file and line, and names the macro', () => {
    const macros = "{% macro helper() %}\n  -- pay\n  {{ var('rate') }}\n{% endmacro %}\n\n{% macro other() %}{{ env_var('PLAN_TEST_UNSET_X') }}{% endmacro %}\n";
    const [missingVar] = diagnosticsOf({ 'macros/m.sql': macros, 'models/m.sql': 'select {{ helper() }} as r' });
    expect(missingVar).toMatchObject({ code: 'render.missing_var', file: 'macros/m.sql', line: 3 });
    expect(missingVar.message).toContain("model 'm' (models/m.sql) uses var 'rate' in macro 'helper'");
    const [missingEnv] = diagnosticsOf({ 'macros/m.sql': macros, 'models/m.sql': 'select {{ other() }} as r' });
    expect(missingEnv).toMatchObject({ code: 'render.missing_env_var', file: 'macros/m.sql', line: 6 });
    expect(missingEnv.message).toContain("in macro 'other'");
  });

  it('env_var reads the environment, falls back to the default, and errors when unset without one', () => {
    process.env.PLAN_TEST_ENV = 'from-env';
    try {
      const p = prepare({ 'models/a.sql': "select '{{ env_var('PLAN_TEST_ENV') }}' as e, '{{ env_var('PLAN_TEST_UNSET', 'dflt') }}' as d" });
      expect(compiled(p, 'a')).toBe("select 'from-env' as e, 'dflt' as d");
    } finally {
      delete process.env.PLAN_TEST_ENV;
    }
    const diags = diagnosticsOf({ 'models/a.sql': "select '{{ env_var('PLAN_TEST_UNSET') }}'" });
    expect(diags[0]).toMatchObject({ code: 'render.missing_env_var', file: 'models/a.sql' });
    expect(diags[0].message).toContain('PLAN_TEST_UNSET');
  });

  it('config(), this, is_incremental() and target', () => {
    const p = prepare({
      'models/inc.sql': [
        "{{ config(materialized='incremental', unique_key='id', tags=['t1']) }}",
        "select 1 as id, '{{ this }}' as me, '{{ this.identifier }}' as ident, '{{ target.name }}/{{ target.schema }}/{{ target.type }}/{{ target.threads }}' as tgt",
        '{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}',
        "-- {{ config.get('unique_key') }}",
      ].join('\n'),
    });
    const node = modelOf(p, 'inc');
    expect(node.config.materialized).toBe('incremental');
    expect(node.config.unique_key).toBe('id');
    expect(node.tags).toEqual(['t1']);
    const full = compiled(p, 'inc');
    expect(full).toContain(`'"test"."main"."inc"' as me, 'inc' as ident, 'dev/main/duckdb/2' as tgt`);
    expect(full).not.toContain('where id >');
    expect(full).toContain('-- id');
    expect(compiled(p, 'inc', { isIncremental: true })).toContain('where id > (select max(id) from "test"."main"."inc")');
  });

  it('log(info=True) reaches the log sink; raise_compiler_error stops with the model and message', () => {
    const lines: string[] = [];
    // parse mode does not log; compiling for execution does, and only with info=True
    const p = prepare({ 'models/a.sql': "{% do log('hello from a', info=True) %}{{ log('quiet') }}select 1 as x" }, { log: (m) => lines.push(m) });
    expect(lines).toEqual([]);
    expect(compiled(p, 'a')).toBe('select 1 as x');
    expect(lines).toEqual(['hello from a']);

    const diags = diagnosticsOf({ 'models/bad.sql': "select 1\n{{ exceptions.raise_compiler_error('year must be set') }}" });
    expect(diags[0]).toMatchObject({ code: 'render.compiler_error', file: 'models/bad.sql' });
    expect(diags[0].message).toContain("model 'bad'");
    expect(diags[0].message).toContain('year must be set');
  });

  it('adapter.dispatch prefers duckdb__, then default__', () => {
    const p = prepare({
      'macros/m.sql': [
        "{% macro greet(x) %}{{ return(adapter.dispatch('greet')(x)) }}{% endmacro %}",
        "{% macro default__greet(x) %}'default {{ x }}'{% endmacro %}",
        "{% macro duckdb__greet(x) %}'duck {{ x }}'{% endmacro %}",
        "{% macro size() %}{{ return(adapter.dispatch('size')()) }}{% endmacro %}",
        '{% macro default__size() %}42{% endmacro %}',
      ].join('\n'),
      'models/a.sql': "select {{ greet('x') }} as g, {{ size() }} as s",
    });
    expect(compiled(p, 'a')).toBe("select 'duck x' as g, 42 as s");
  });

  it('run_started_at and invocation_id', () => {
    const p = prepare(
      { 'models/a.sql': "select '{{ invocation_id }}' as i, '{{ run_started_at.strftime(\"%Y-%m-%d\") }}' as d, {{ run_started_at.year }} as y" },
      { invocationId: 'abc-123' },
    );
    expect(compiled(p, 'a')).toMatch(/^select 'abc-123' as i, '\d{4}-\d{2}-\d{2}' as d, \d{4} as y$/);
    expect(compiled(p, 'a')).toContain(`as d, ${new Date().getFullYear()} as y`);
  });

  it("doc() in a description renders the docs block; an unknown doc is an error", () => {
    const p = prepare({
      'models/a.sql': 'select 1 as id',
      'models/docs.md': '{% docs a_doc %}\nThe A model.\n{% enddocs %}\n{% docs id_doc %}Primary key.{% enddocs %}',
      'models/a.yml': "models:\n  - name: a\n    description: '{{ doc(\"a_doc\") }}'\n    columns:\n      - name: id\n        description: '{{ doc(\"id_doc\") }}'\n",
    });
    const node = modelOf(p, 'a');
    expect(node.description.trim()).toBe('The A model.');
    expect(node.columns.id.description.trim()).toBe('Primary key.');

    const diags = diagnosticsOf({
      'models/a.sql': 'select 1 as id',
      'models/a.yml': "models:\n  - name: a\n    description: '{{ doc(\"missing_doc\") }}'\n",
    });
    expect(diags[0]).toMatchObject({ code: 'render.unknown_doc', file: 'models/a.yml' });
    expect(diags[0].message).toContain("doc('missing_doc')");
  });
});
