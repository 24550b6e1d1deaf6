import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/errors/diagnostic.js';
import { compiled, diagnosticsOf, modelOf, prepare } from './helpers.js';

describe('ephemeral models', () => {
  it('are inlined as CTEs, nested ones first, and join an existing WITH', () => {
    const p = prepare({
      'models/e1.sql': "{{ config(materialized='ephemeral') }}\nselect 1 as id;",
      'models/e2.sql': "{{ config(materialized='ephemeral') }}\nselect id from {{ ref('e1') }}",
      'models/plain.sql': "select * from {{ ref('e2') }}",
      'models/with_first.sql': "-- leading comment\nwith x as (select 2 as id)\nselect * from x union all select * from {{ ref('e2') }}",
    });
    const plain = compiled(p, 'plain');
    expect(plain).toBe('with __dbt__cte__e1 as ( select 1 as id ), __dbt__cte__e2 as ( select id from __dbt__cte__e1 ) select * from __dbt__cte__e2');
    const withFirst = compiled(p, 'with_first');
    expect(withFirst).toBe(
      '-- leading comment with __dbt__cte__e1 as ( select 1 as id ), __dbt__cte__e2 as ( select id from __dbt__cte__e1 ), x as (select 2 as id) select * from x union all select * from __dbt__cte__e2',
    );
    // ephemerals are graph nodes (edges kept) but have no relation of their own in the database
    expect(modelOf(p, 'plain').dependsOn.nodes).toEqual(['model.test.e2']);
  });
});

describe('schema naming', () => {
  it('+schema gives <target schema>_<custom>, alias renames', () => {
    const p = prepare({
      'project.yml': 'name: test\nprofile: test\nmodels:\n  test:\n    marts:\n      +schema: analytics\n',
      'models/marts/m.sql': 'select 1 as x',
      'models/n.sql': "{{ config(alias='n_alias') }}select * from {{ ref('m') }}",
    });
    expect(modelOf(p, 'm').relation).toEqual({ database: 'test', schema: 'main_analytics', identifier: 'm' });
    expect(compiled(p, 'n')).toBe('select * from "test"."main_analytics"."m"');
    expect(modelOf(p, 'n').relation.identifier).toBe('n_alias');
  });

  it('a generate_schema_name macro overrides the default', () => {
    const p = prepare({
      'macros/generate_schema_name.sql':
        '{% macro generate_schema_name(custom_schema_name, node) -%}{%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}{%- endmacro %}',
      'models/m.sql': "{{ config(schema='reporting') }}select 1 as x",
      'models/n.sql': 'select 1 as x',
    });
    expect(modelOf(p, 'm').relation.schema).toBe('reporting');
    expect(modelOf(p, 'n').relation.schema).toBe('main');
  });

  it("the naming macros see the node's resource_type, fqn, path, package_name and unique_id, as in dbt", () => {
    const p = prepare({
      'macros/naming.sql': [
        '{% macro generate_schema_name(custom_schema_name, node) -%}',
        "{%- if node.resource_type == 'seed' -%}raw{%- else -%}{{ node.fqn[1] }}{%- endif -%}",
        '{%- endmacro %}',
        '{% macro generate_alias_name(custom_alias_name, node) -%}',
        "{{ node.unique_id | replace('.', '_') }}__{{ node.package_name }}__{{ node.path | replace('/', '_') | replace('.', '_') }}",
        '{%- endmacro %}',
      ].join('\n'),
      'models/marts/m.sql': 'select 1 as x',
      'seeds/s.csv': 'id\n1\n',
      'snapshots/snap.sql': "{% snapshot snap %}{{ config(unique_key='x', strategy='check', check_cols='all') }}select 1 as x{% endsnapshot %}",
    });
    const nodes = p.rendered.manifest.nodes;
    const relationOf = (id: string): unknown => {
      const node = nodes.get(id);
      return node && 'relation' in node ? node.relation : undefined;
    };
    expect(relationOf('model.test.m')).toMatchObject({ schema: 'marts', identifier: 'model_test_m__test__marts_m_sql' });
    expect(relationOf('seed.test.s')).toMatchObject({ schema: 'raw', identifier: 'seed_test_s__test__s_csv' });
    expect(relationOf('snapshot.test.snap')).toMatchObject({ schema: 'snap', identifier: 'snapshot_test_snap__test__snap_sql' });
  });
});

describe('graph errors', () => {
  it('an unknown ref names the file, the line and the closest names', () => {
    const diags = diagnosticsOf({
      'models/customers.sql': 'select 1 as id',
      'models/orders.sql': "select 1 as id\nfrom {{ ref('customer') }}",
    });
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: 'graph.unknown_ref', file: 'models/orders.sql', line: 2 });
    expect(formatDiagnostic(diags[0])).toBe(
      "models/orders.sql:2: error: model 'orders' (models/orders.sql) depends on a node named 'customer' which was not found\n  hint: did you mean 'customers'?",
    );
  });

  it('a cycle prints the whole path with each file and line', () => {
    const diags = diagnosticsOf({
      'models/a.sql': "select * from {{ ref('c') }}",
      'models/b.sql': "-- b\nselect * from {{ ref('a') }}",
      'models/sub/c.sql': "\n\nselect * from {{ ref('b') }}",
      'models/d.sql': "select * from {{ ref('a') }}",
    });
    expect(diags).toHaveLength(1);
    expect(diags[0].code).toBe('graph.cycle');
    const text = formatDiagnostic(diags[0]);
    expect(text).toMatch(/Found a cycle: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c)/);
    expect(text).toContain('b (models/b.sql:2) refs a');
    expect(text).toContain('c (models/sub/c.sql:3) refs b');
    expect(text).toContain('a (models/a.sql:1) refs c');
    expect(text).not.toContain('d (');
  });

  it('collects every problem instead of stopping at the first', () => {
    const diags = diagnosticsOf({
      'models/a.sql': "select * from {{ ref('nope1') }}",
      'models/b.sql': "select {{ var('nope2') }}",
      'models/c.sql': "select * from {{ source('nope', 't') }}",
    });
    expect(diags.map((d) => d.code).sort()).toEqual(['graph.unknown_ref', 'graph.unknown_source', 'render.missing_var']);
  });
});

describe('prior()', () => {
  const files = {
    'models/snap.sql': [
      "{{ config(materialized='incremental', partition_by=['year']) }}",
      "select {{ var('year') }} as year, 1 as n",
      '{% if var("year") > 2024 %}union all select {{ var("year") }}, n + 1 from {{ prior("snap", year=var("year") - 1) }}{% endif %}',
    ].join('\n'),
  };

  it('reads the previous partition without a DAG edge', () => {
    const p = prepare(files, { cliVars: { year: 2025 } });
    expect(compiled(p, 'snap')).toContain('from (select * from "test"."main"."snap" where "year" = 2024)');
    expect(modelOf(p, 'snap').dependsOn.nodes).toEqual([]);
    expect(modelOf(p, 'snap').config.partition_by).toEqual(['year']);
  });

  it('rejects a filter on a column that is not a partition column, and an unpartitioned model', () => {
    const diags = diagnosticsOf({
      ...files,
      'models/reader.sql': "select * from {{ prior('snap', month=1) }} union all select * from {{ prior('plain', year=1) }}",
      'models/plain.sql': 'select 1 as year',
    }, { cliVars: { year: 2024 } });
    expect(diags.map((d) => d.code).sort()).toEqual(['graph.prior_filter', 'graph.prior_unpartitioned']);
    expect(diags.every((d) => d.file === 'models/reader.sql' && d.line === 1)).toBe(true);
  });
});

describe('config precedence', () => {
  it('project.yml folder config < yml config < config() in the model', () => {
    const p = prepare({
      'project.yml': [
        'name: test',
        'profile: test',
        'models:',
        '  test:',
        '    +materialized: view',
        '    +tags: [root]',
        '    staging:',
        '      +materialized: table',
        '      +tags: [staging]',
        '      +schema: stg',
      ].join('\n'),
      'models/staging/a.sql': 'select 1 as id',
      'models/staging/b.sql': "{{ config(materialized='incremental', unique_key='id') }}select 1 as id",
      'models/staging/c.sql': 'select 1 as id',
      'models/top.sql': 'select 1 as id',
      'models/staging/props.yml': 'version: 2\nmodels:\n  - name: b\n    config:\n      materialized: view\n      tags: [yml]\n  - name: c\n    config:\n      materialized: ephemeral\n',
    });
    expect(modelOf(p, 'top').config.materialized).toBe('view');
    expect(modelOf(p, 'a').config.materialized).toBe('table');
    expect(modelOf(p, 'a').relation.schema).toBe('main_stg');
    expect(modelOf(p, 'c').config.materialized).toBe('ephemeral');
    expect(modelOf(p, 'b').config.materialized).toBe('incremental');
    expect(modelOf(p, 'b').config.unique_key).toBe('id');
    // tags accumulate across levels, as in dbt
    expect([...modelOf(p, 'b').tags].sort()).toEqual(['root', 'staging', 'yml']);
  });
});
