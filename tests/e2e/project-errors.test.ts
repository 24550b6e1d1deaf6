import { describe, expect, it } from 'vitest';
import { expectNoStack, makeProject, nodeLines, output, plan, queryMany, removeProject } from './helpers.js';

describe('invalid projects exit 2 with file and line, and run nothing', () => {
  it('bad YAML in project.yml, profiles.yml and a property file names the line', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'project.yml': 'name: test\nprofile: test\nmodels:\n  test:\n    +materialized: [view\n' }, /^project\.yml:\d+(:\d+)?: error: invalid YAML/m],
      [{ 'profiles.yml': 'test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n     path: x.duckdb\n' }, /profiles\.yml:6(:\d+)?: error: invalid YAML/m],
      [{ 'models/a.sql': 'select 1', 'models/a.yml': 'version: 2\nmodels:\n  - name: a\n    description: "unterminated\n' }, /^models\/a\.yml:\d+(:\d+)?: error: invalid YAML/m],
    ];
    for (const [files, pattern] of cases) {
      const dir = makeProject(files);
      try {
        const run = plan(dir, 'build');
        expect(run.code, output(run)).toBe(2);
        expect(run.stderr).toMatch(pattern);
        expect(run.stderr).toContain('nothing was run');
        expect(run.stdout).toBe('');
        expectNoStack(run);
      } finally {
        removeProject(dir);
      }
    }
  });

  it('unknown keys are errors in project.yml, with the key path; wrong types say what was expected', () => {
    const dir = makeProject({
      'project.yml': 'name: test\nprofile: test\nmodel-path: [models]\nmodels:\n  test:\n    +materialised: table\nvars: 3\n',
      'models/a.sql': 'select 1',
    });
    try {
      const run = plan(dir, 'compile');
      expect(run.code, output(run)).toBe(2);
      expect(run.stderr).toMatch(/^project\.yml:3: error: unknown key 'model-path' \(did you mean 'model-paths'\?\)/m);
      expect(run.stderr).toMatch(/^project\.yml:6: error: models\.test\.\+materialised: unknown model config '\+materialised' \(did you mean '\+materialized'\?\)/m);
      expect(run.stderr).toMatch(/^project\.yml:7: error: vars: expected a mapping of variable names to values, found number 3/m);
      expect(run.stderr).toContain('3 errors; nothing was run.');
      expectNoStack(run);
    } finally {
      removeProject(dir);
    }
  });

  it('cycle, unknown ref and missing var through the CLI; --debug adds the stack', () => {
    const dir = makeProject({
      'models/a.sql': "select * from {{ ref('b') }}",
      'models/b.sql': "select * from {{ ref('a') }}",
      'models/c.sql': "select * from {{ ref('aa') }}",
      'models/d.sql': "select {{ var('year') }} as y",
    });
    try {
      const run = plan(dir, 'run');
      expect(run.code, output(run)).toBe(2);
      expect(run.stderr).toMatch(/error: Found a cycle: (a -> b -> a|b -> a -> b)/);
      expect(run.stderr).toContain("models/c.sql:1: error: model 'c' (models/c.sql) depends on a node named 'aa' which was not found");
      expect(run.stderr).toContain("hint: did you mean 'a'?");
      expect(run.stderr).toContain("models/d.sql:1: error: model 'd' (models/d.sql) uses var 'year', which is not set and has no default");
      expect(run.stderr).toContain('3 errors; nothing was run.');
      expect(run.stdout).toBe('');
      expectNoStack(run);
      const debug = plan(dir, 'run', '--debug');
      expect(debug.code).toBe(2);
      expect(debug.stderr).toMatch(/^\s+at /m);
    } finally {
      removeProject(dir);
    }
  });

  it('Jinja syntax and runtime errors point at the source line', () => {
    const dir = makeProject({
      'models/a.sql': 'select 1\n\n{% if true %}\nx\n',
      'models/b.sql': 'select 1,\n\n\n{{ no_such_macro(1) }}\n',
      'models/c.sql': '{{ no_such_macro(1) }}\n',
      'models/d.sql': "select 1\n{{ ref('a') | nofilter }}\n",
    });
    try {
      const run = plan(dir, 'compile');
      expect(run.code, output(run)).toBe(2);
      expect(run.stderr).toMatch(/^models\/a\.sql:5(:\d+)?: error: Jinja syntax error/m);
      expect(run.stderr).toMatch(/^models\/b\.sql:4(:\d+)?: error: 'no_such_macro' is undefined/m);
      expect(run.stderr).toMatch(/^models\/c\.sql:1(:\d+)?: error: 'no_such_macro' is undefined/m);
      expect(run.stderr).toMatch(/^models\/d\.sql:2(:\d+)?: error: unknown filter 'nofilter'/m);
      expectNoStack(run);
    } finally {
      removeProject(dir);
    }
  });

  it('a missing profile or project file says where it looked', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1' }, { withDefaults: false });
    try {
      const run = plan(dir, 'ls');
      expect(run.code, output(run)).toBe(2);
      expect(run.stderr).toMatch(/project\.yml/);
      expect(run.stderr).toMatch(/dbt_project\.yml/);
      expectNoStack(run);
    } finally {
      removeProject(dir);
    }
    const noProfile = makeProject({ 'project.yml': 'name: test\nprofile: test\n', 'models/a.sql': 'select 1' }, { withDefaults: false });
    try {
      const run = plan(noProfile, 'compile', '--profiles-dir', noProfile);
      expect(run.code, output(run)).toBe(2);
      expect(run.stderr).toContain('profiles.yml');
      expectNoStack(run);
    } finally {
      removeProject(noProfile);
    }
  });
});

describe('dbt projects', () => {
  it('a dbt project with dbt_project.yml and profiles.yml builds unchanged; unknown keys only warn', () => {
    const dir = makeProject(
      {
        'dbt_project.yml': [
          "name: 'jaffle'",
          "version: '1.0.0'",
          'config-version: 2',
          "profile: 'jaffle'",
          'model-paths: ["models"]',
          'seed-paths: ["seeds"]',
          'macro-paths: ["macros"]',
          'target-path: "target"',
          'clean-targets: ["target", "dbt_packages"]',
          'some-future-key: true',
          'models:',
          '  jaffle:',
          '    +materialized: view',
          '    marts:',
          '      +materialized: table',
          '      +schema: marts',
        ].join('\n'),
        'profiles.yml': [
          'jaffle:',
          '  target: dev',
          '  outputs:',
          '    dev:',
          '      type: duckdb',
          "      path: \"{{ env_var('JAFFLE_DB', 'target/jaffle.duckdb') }}\"",
          '      threads: 2',
          '      settings:',
          '        memory_limit: 1GB',
        ].join('\n'),
        'seeds/raw_customers.csv': 'id,first_name\n1,Ann\n2,Bob\n',
        'macros/cents.sql': '{% macro cents_to_dollars(col) %}({{ col }} / 100.0){% endmacro %}',
        'models/staging/stg_customers.sql': "select id as customer_id, first_name, {{ cents_to_dollars('1250') }} as credit from {{ ref('raw_customers') }}",
        'models/staging/schema.yml': 'version: 2\nmodels:\n  - name: stg_customers\n    columns:\n      - name: customer_id\n        tests: [unique, not_null]\n',
        'models/marts/customers.sql': "{{ config(materialized='table') }}\nselect * from {{ ref('stg_customers') }}",
      },
      { withDefaults: false },
    );
    try {
      const run = plan(dir, 'build');
      expect(run.code, output(run)).toBe(0);
      expect(run.stdout).toMatch(/dbt_project\.yml:10: warning: .*some-future-key/);
      expect(nodeLines(run)).toHaveLength(5);
      // warnings go to stderr with --output json: stdout stays one JSON document
      const ls = plan(dir, 'ls', '--output', 'json', '--resource-type', 'model');
      expect(ls.stderr).toContain('some-future-key');
      expect(JSON.parse(ls.stdout)).toHaveLength(2);
      const t = queryMany(dir, { c: 'select customer_id, first_name, credit from main_marts.customers order by 1' });
      expect(t.c).toEqual([
        { customer_id: 1, first_name: 'Ann', credit: 12.5 },
        { customer_id: 2, first_name: 'Bob', credit: 12.5 },
      ]);
    } finally {
      removeProject(dir);
    }
  });
});
