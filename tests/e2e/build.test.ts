import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exists, expectNoStack, makeProject, nodeLines, output, plan, query, queryMany, readJson, removeProject, summaryLine, writeFile } from './helpers.js';

const PROPS = `version: 2
models:
  - name: orders
    columns:
      - name: id
        data_tests: [unique, not_null]
  - name: amounts
    columns:
      - name: amount
        data_tests:
          - not_null:
              config:
                severity: warn
`;

describe('plan build', () => {
  let dir: string;
  let run: ReturnType<typeof plan>;
  beforeAll(() => {
    dir = makeProject({
      'seeds/raw_orders.csv': 'id,amount\n1,10\n2,20\n3,\n',
      'models/orders.sql': "{{ config(materialized='table', tags=['core']) }}\nselect id, amount from {{ ref('raw_orders') }}",
      'models/amounts.sql': "select amount from {{ ref('orders') }}",
      'models/summary.sql': "{{ config(materialized='table') }}\nselect count(*) as n, sum(amount) as total from {{ ref('amounts') }}",
      'models/other.sql': 'select 42 as answer',
      'models/props.yml': PROPS,
    });
    run = plan(dir, 'build');
  });
  afterAll(() => removeProject(dir));

  it('runs seeds, models and tests in DAG order: one line per node and a summary; a warn test does not block', () => {
    expect(run.code, output(run)).toBe(0);
    expect(run.stdout).toContain('Running 8 nodes with 2 threads'); // threads from the profile
    const lines = nodeLines(run);
    expect(lines).toHaveLength(8);
    lines.forEach((l, i) => expect(l).toMatch(new RegExp(`^${i + 1}/8 (OK|PASS|WARN) +\\S+ +\\S+.* \\d+\\.\\d\\ds$`)));
    const order = lines.map((l) => l.split(/\s+/)[3]);
    expect(order.indexOf('raw_orders')).toBeLessThan(order.indexOf('orders'));
    expect(order.indexOf('orders')).toBeLessThan(order.indexOf('amounts'));
    expect(order.indexOf('amounts')).toBeLessThan(order.indexOf('summary'));
    expect(lines.find((l) => l.includes('not_null_amounts_amount'))).toMatch(/ WARN /);
    expect(summaryLine(run)).toMatch(/^Done in \d+\.\d+s\. OK=7 WARN=1 ERROR=0 SKIP=0 TOTAL=8$/);
    expect(query(dir, 'select n, total from summary')).toEqual([{ n: 3, total: 30 }]);
  });

  it('writes manifest.json, run_results.json and compiled SQL', () => {
    const manifest = readJson(dir, 'target/manifest.json');
    expect(manifest.metadata.schema_version).toEqual(expect.any(String));
    const orders = manifest.nodes['model.test.orders'];
    expect(orders.depends_on.nodes).toEqual(['seed.test.raw_orders']);
    expect(orders.config.materialized).toBe('table');
    expect(orders.checksum).toMatchObject({ name: 'sha256', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.nodes['seed.test.raw_orders']).toBeDefined();
    expect(Object.keys(manifest.nodes).filter((k) => k.startsWith('test.'))).toHaveLength(3);
    // Every top-level key of dbt's manifest (tools that read it index them), and each node's docs.
    for (const key of ['nodes', 'sources', 'macros', 'docs', 'exposures', 'metrics', 'groups', 'semantic_models', 'saved_queries', 'selectors', 'disabled', 'parent_map', 'child_map', 'group_map', 'unit_tests']) {
      expect(manifest, key).toHaveProperty(key);
    }
    expect(orders.docs).toEqual({ show: true, node_color: null });

    const results = readJson(dir, 'target/run_results.json');
    expect(results.metadata.schema_version).toEqual(expect.any(String));
    const byId = new Map<string, any>(results.results.map((r: any) => [r.unique_id, r]));
    const ordersResult = byId.get('model.test.orders');
    expect(ordersResult.status).toBe('success');
    expect(ordersResult.execution_time).toEqual(expect.any(Number));
    expect(ordersResult.timing[0]).toMatchObject({ name: 'execute', started_at: expect.any(String), completed_at: expect.any(String) });
    expect(ordersResult.adapter_response.rows_affected).toBe(3);
    expect(byId.get('seed.test.raw_orders').adapter_response.rows_affected).toBe(3);
    expect(results.elapsed_time).toEqual(expect.any(Number));

    expect(exists(dir, 'target/compiled/test/models/orders.sql')).toBe(true);
    expect(exists(dir, 'target/compiled/test/models/summary.sql')).toBe(true);
    // A generic test's SQL sits under its yml file's path, as dbt writes it.
    const genericTest = Object.values(manifest.nodes).find((n: any) => n.resource_type === 'test' && n.test_metadata) as { name: string; original_file_path: string };
    expect(genericTest.original_file_path).toBe('models/props.yml');
    expect(exists(dir, `target/compiled/test/models/props.yml/${genericTest.name}.sql`)).toBe(true);
  });

  it('plan test runs only the tests; plan seed only the seeds', () => {
    const tests = plan(dir, 'test');
    expect(tests.code, output(tests)).toBe(0);
    expect(nodeLines(tests).map((l) => l.split(/\s+/)[2])).toEqual(['test', 'test', 'test']);
    const seeds = plan(dir, 'seed');
    expect(nodeLines(seeds)).toEqual([expect.stringMatching(/^1\/1 OK +seed +raw_orders +INSERT 3 rows/)]);
  });

  it('--select/-s, --exclude, tag: and graph operators', () => {
    const names = (run: ReturnType<typeof plan>): string[] => nodeLines(run).map((l) => l.split(/\s+/)[3]).sort();
    expect(names(plan(dir, 'run', '-s', 'orders+'))).toEqual(['amounts', 'orders', 'summary']);
    expect(names(plan(dir, 'run', '--select', '+amounts', '--exclude', 'raw_orders'))).toEqual(['amounts', 'orders']);
    expect(names(plan(dir, 'run', '-s', 'tag:core', 'other'))).toEqual(['orders', 'other']);
    expect(names(plan(dir, 'build', '-s', 'orders', '--exclude', 'test_name:unique'))).toEqual(['not_null_orders_id', 'orders']);
    const none = plan(dir, 'run', '-s', 'nothing_here');
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('matched no nodes');
  });

  it('ls prints nodes; ls --output json is one JSON document on stdout', () => {
    const ls = plan(dir, 'ls', '--resource-type', 'model');
    expect(ls.stdout.trim().split('\n').sort()).toEqual(['test.amounts', 'test.orders', 'test.other', 'test.summary']);
    const json = plan(dir, 'ls', '--output', 'json', '-s', 'orders', '--resource-type', 'model');
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toEqual([expect.objectContaining({ unique_id: 'model.test.orders', resource_type: 'model', depends_on: { nodes: ['seed.test.raw_orders'], macros: [] } })]);
  });

  it('show prints rows of a model or inline SQL; --output json keeps numbers as numbers', () => {
    const table = plan(dir, 'show', '-s', 'summary');
    expect(table.code, output(table)).toBe(0);
    expect(table.stdout).toContain('total');
    expect(table.stdout).toContain('30');
    const json = plan(dir, 'show', '--inline', "select 1 as i, 2.5::double as d, 12345678901::bigint as big, 1.25::decimal(10,2) as dec, sum(1)::hugeint as h, 'x' as s from {{ ref('other') }}", '--output', 'json');
    expect(json.code, output(json)).toBe(0);
    expect(JSON.parse(json.stdout).rows).toEqual([{ i: 1, d: 2.5, big: 12345678901, dec: 1.25, h: 1, s: 'x' }]);
    const limited = JSON.parse(plan(dir, 'show', '--inline', 'select * from range(10)', '--limit', '3', '--output', 'json').stdout);
    expect(limited.rows).toHaveLength(3);
  });
});

describe('model SQL shapes', () => {
  it('trailing semicolons and comments work in every materialization, ephemerals included', () => {
    const dir = makeProject({
      'models/t1.sql': "{{ config(materialized='table') }}\nselect 1 as x; -- trailing",
      'models/v1.sql': 'select 1 as x;\n-- trailing comment',
      'models/i1.sql': "{{ config(materialized='incremental') }}\nselect 1 as x -- c",
      'models/e1.sql': "{{ config(materialized='ephemeral') }}\nselect 1 as x; -- c",
      'models/ue.sql': "select * from {{ ref('e1') }} -- c",
    });
    try {
      const first = plan(dir, 'run');
      expect(first.code, output(first)).toBe(0);
      const again = plan(dir, 'run', '-s', 'i1');
      expect(again.code, output(again)).toBe(0);
      const t = queryMany(dir, { ue: 'select * from ue', i1: 'select * from i1' });
      expect(t).toEqual({ ue: [{ x: 1 }], i1: [{ x: 1 }, { x: 1 }] });
    } finally {
      removeProject(dir);
    }
  });
});

describe('failures', () => {
  it('a SQL error prints the file, DuckDB message and the source line; downstream is skipped; exit 1', () => {
    const dir = makeProject({
      'models/base.sql': 'select 1 as id',
      'models/broken.sql': [
        "{{ config(materialized='table') }}",
        "{% set cols = ['id', 'id * 2 as twice'] %}",
        '{% for c in cols %}',
        '-- column {{ c }}',
        '{% endfor %}',
        'select',
        '  {{ cols | join(", ") }},',
        '  no_such_column',
        "from {{ ref('base') }}",
      ].join('\n'),
      'models/after_broken.sql': "select * from {{ ref('broken') }}",
      'models/after_after.sql': "select * from {{ ref('after_broken') }}",
      'models/independent.sql': 'select 2 as x',
    });
    try {
      const run = plan(dir, 'run');
      expect(run.code, output(run)).toBe(1);
      expect(run.stdout).toContain('models/broken.sql:8: Binder Error: Referenced column "no_such_column" not found');
      expect(run.stdout).toContain('8 | no_such_column');
      const lines = nodeLines(run);
      expect(lines.find((l) => l.includes(' broken'))).toMatch(/ ERROR /);
      expect(lines.find((l) => l.includes('after_broken'))).toMatch(/ SKIP /);
      expect(lines.find((l) => l.includes('after_after'))).toMatch(/ SKIP /);
      expect(lines.find((l) => l.includes('independent'))).toMatch(/ OK /);
      expect(summaryLine(run)).toMatch(/OK=2 WARN=0 ERROR=1 SKIP=2 TOTAL=5/);
      expectNoStack(run);
      const results = readJson(dir, 'target/run_results.json').results;
      const broken = results.find((r: any) => r.unique_id === 'model.test.broken');
      expect(broken).toMatchObject({ status: 'error', file: 'models/broken.sql', line: 8 });
      expect(broken.message).toContain('no_such_column');
      expect(results.find((r: any) => r.unique_id === 'model.test.after_broken').status).toBe('skipped');
    } finally {
      removeProject(dir);
    }
  });

  it('build skips everything downstream of a failed error-severity test; --fail-fast stops the run', () => {
    const dir = makeProject({
      'models/dupes.sql': 'select 1 as id union all select 1',
      'models/downstream.sql': "select * from {{ ref('dupes') }}",
      'models/side.sql': 'select 1 as s',
      'models/side_child.sql': "select * from {{ ref('side') }}",
      'models/props.yml': 'version: 2\nmodels:\n  - name: dupes\n    columns:\n      - name: id\n        data_tests: [unique]\n',
    });
    try {
      const run = plan(dir, 'build', '--threads', '1');
      expect(run.code, output(run)).toBe(1);
      const lines = nodeLines(run);
      expect(lines.find((l) => l.includes('unique_dupes_id'))).toMatch(/ FAIL /);
      expect(lines.find((l) => l.includes('downstream'))).toMatch(/ SKIP /);
      expect(lines.find((l) => l.includes('side_child'))).toMatch(/ OK /);

      // independent nodes still run without --fail-fast, and are skipped with it
      writeFile(dir, 'models/aaa_broken.sql', 'select nope');
      const slow = plan(dir, 'run', '--threads', '1');
      expect(nodeLines(slow).filter((l) => / OK /.test(l))).toHaveLength(4);
      const fast = plan(dir, 'run', '--threads', '1', '--fail-fast');
      expect(fast.code, output(fast)).toBe(1);
      expect(nodeLines(fast)[0]).toMatch(/^1\/5 ERROR .* aaa_broken/);
      expect(nodeLines(fast).slice(1).every((l) => / SKIP /.test(l))).toBe(true);
      const results = readJson(dir, 'target/run_results.json').results;
      expect(results.find((r: any) => r.unique_id === 'model.test.side').message).toContain('--fail-fast');
    } finally {
      removeProject(dir);
    }
  });

  it('a failing table rebuild leaves the previous table and rows', () => {
    const dir = makeProject({ 'models/t.sql': "{{ config(materialized='table') }}\nselect 1 as id union all select 2" });
    try {
      expect(plan(dir, 'run').code).toBe(0);
      writeFile(dir, 'models/t.sql', "{{ config(materialized='table') }}\nselect 1 as id union all select 'x'::integer");
      const failed = plan(dir, 'run');
      expect(failed.code, output(failed)).toBe(1);
      expect(failed.stdout).toContain('Conversion Error');
      expect(query(dir, 'select id from t order by id')).toEqual([{ id: 1 }, { id: 2 }]);
      expect(query(dir, "select count(*) as n from information_schema.tables where table_name like 't%'")).toEqual([{ n: 1 }]);
    } finally {
      removeProject(dir);
    }
  });
});
