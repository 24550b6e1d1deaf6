import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';
import { readJson } from './helpers.js';

/** exposures: in property files: manifest.json, +exposure:name selection, and clear errors. */

const EXPOSURES = `exposures:
  - name: weekly_kpis
    label: Weekly KPIs
    type: dashboard
    maturity: high
    url: https://bi.example.com/weekly
    owner: {name: Ana, email: ana@example.com}
    depends_on:
      - ref('orders')
      - source('shop', 'customers')
      - metric('revenue')
  - name: retired
    type: notebook
    owner: {name: Bo}
    depends_on: [ref('customers_v1')]
    config: {enabled: false}
`;

describe('exposures (e2e)', () => {
  const dir = makeProject({
    'models/sources.yml': 'sources:\n  - name: shop\n    tables:\n      - name: customers\n',
    'models/stg_orders.sql': 'select 1 as id',
    'models/orders.sql': "select * from {{ ref('stg_orders') }}",
    'models/unrelated.sql': 'select 2 as id',
    'models/exposures.yml': EXPOSURES,
  });
  afterAll(() => removeProject(dir));

  it('+exposure:name selects what the exposure reads (ls lists the exposure too); a disabled exposure is ignored', () => {
    const ls = runPlan(['ls', '--select', '+exposure:weekly_kpis', '--output', 'name'], { cwd: dir });
    expect(ls.code, outputOf(ls)).toBe(0);
    expect(ls.stdout.trim().split('\n').sort()).toEqual(['customers', 'orders', 'stg_orders', 'weekly_kpis']);
    const near = runPlan(['ls', '--select', '1+exposure:weekly_kpis', '--output', 'name'], { cwd: dir });
    expect(near.stdout.trim().split('\n').sort()).toEqual(['customers', 'orders', 'weekly_kpis']);
    const build = runPlan(['build', '--select', '+exposure:weekly_kpis'], { cwd: dir });
    expect(build.stdout).toMatch(/Running 2 nodes/);
  });

  it('ls lists exposures by default and with --resource-type exposure, as dbt ls does', () => {
    const lines = (...args: string[]): string[] => runPlan(['ls', ...args], { cwd: dir }).stdout.trim().split('\n');
    expect(lines()).toContain('exposure:test.weekly_kpis');
    expect(lines('--resource-type', 'exposure')).toEqual(['exposure:test.weekly_kpis']);
    expect(lines('--exclude-resource-type', 'exposure')).not.toContain('exposure:test.weekly_kpis');
    expect(lines('--select', 'resource_type:exposure', '--output', 'path')).toEqual(['models/exposures.yml']);
    const json = JSON.parse(runPlan(['ls', '--select', 'exposure:weekly_kpis', '--output', 'json'], { cwd: dir }).stdout) as Record<string, unknown>[];
    expect(json).toEqual([expect.objectContaining({ resource_type: 'exposure', unique_id: 'exposure.test.weekly_kpis', depends_on: { macros: [], nodes: ['model.test.orders', 'source.test.shop.customers'] } })]);
  });

  it('manifest.json has the exposure, its parents and the child_map entry', () => {
    expect(runPlan(['parse'], { cwd: dir }).code).toBe(0);
    const manifest = readJson(dir, 'target/manifest.json');
    const exposure = manifest.exposures['exposure.test.weekly_kpis'];
    expect(exposure).toMatchObject({
      name: 'weekly_kpis',
      resource_type: 'exposure',
      type: 'dashboard',
      label: 'Weekly KPIs',
      owner: { name: 'Ana', email: 'ana@example.com' },
      depends_on: { nodes: ['model.test.orders', 'source.test.shop.customers'] },
      sources: [['shop', 'customers']],
    });
    expect(Object.keys(manifest.exposures)).toEqual(['exposure.test.weekly_kpis']);
    expect(manifest.parent_map['exposure.test.weekly_kpis']).toEqual(['model.test.orders', 'source.test.shop.customers']);
    expect(manifest.child_map['model.test.orders']).toContain('exposure.test.weekly_kpis');
  });

  it("graph.exposures in templates has each exposure as manifest.json does", () => {
    const run = runPlan(['show', '--inline', "select '{% for e in graph.exposures.values() %}{{ e.name }}:{{ e.depends_on.nodes | join('+') }}{% endfor %}' as x", '--output', 'json'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect((JSON.parse(run.stdout) as { rows: unknown[] }).rows).toEqual([{ x: 'weekly_kpis:model.test.orders+source.test.shop.customers' }]);
  });

  it('a depends_on entry that names nothing, or is not ref()/source(), exits 2 with the file and line', () => {
    writeFile(dir, 'models/exposures.yml', EXPOSURES.replace("ref('orders')", "ref('order')").replace("config: {enabled: false}", 'config: {enabled: true}'));
    const missing = runPlan(['ls'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(outputOf(missing)).toMatch(/models\/exposures\.yml:2: error: exposure 'weekly_kpis' depends on a node named 'order' which was not found[\s\S]*did you mean 'orders'/);
    expect(outputOf(missing)).toMatch(/exposure 'retired' depends on a node named 'customers_v1'/);
    writeFile(dir, 'models/exposures.yml', EXPOSURES.replace("ref('orders')", 'orders'));
    const shape = runPlan(['ls'], { cwd: dir });
    expect(shape.code).toBe(2);
    expect(outputOf(shape)).toMatch(/models\/exposures\.yml:9: error: exposure 'weekly_kpis': depends_on entry 'orders' is not ref/);
  });
});
