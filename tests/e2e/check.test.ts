import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';

/** Issue 3, section 5: `plan check`, the CI contract check without data. */

const BROKEN: Record<string, string> = {
  'seeds/raw.csv': 'id,amount\n1,10\n',
  'models/a.sql': "select id,\n  amount\nfrom {{ ref('raw') }}\n",
  // the bad column is on line 4 of the model file: the error must say so
  'models/b.sql': "-- comment\nselect\n  id,\n  amountt\nfrom {{ ref('a') }}\n",
  'models/c.sql': "select * from {{ ref('nope') }}\n",
  'models/d.sql': "select * from {{ ref('e') }}\n",
  'models/e.sql': "select * from {{ ref('d') }}\n",
  'models/f.sql': "select id, 'x' as name from {{ source('raw', 'events') }}\n",
  'models/g.sql': '{# a comment line #}\n\nselec 1\n',
  'models/schema.yml': `version: 2
sources:
  - name: raw
    tables:
      - name: events
        columns:
          - name: id
            data_type: int
models:
  - name: a
    config: {contract: {enforced: true}, materialized: table}
    columns:
      - name: id
        data_type: integer
      - name: amount
        data_type: varchar
  - name: f
    columns:
      - name: id
      - name: nm
`,
};

describe('plan check (e2e)', () => {
  const dir = makeProject(BROKEN);
  afterAll(() => removeProject(dir));

  it('reports every problem in one pass with file and source line, exit 1, and touches no database', () => {
    const run = runPlan(['check'], { cwd: dir });
    const out = outputOf(run);
    expect(run.code, out).toBe(1);
    expect(out).toMatch(/models\/c\.sql:1: error: model 'c' \(models\/c\.sql\) depends on a node named 'nope' which was not found/);
    expect(out).toMatch(/Found a cycle: d -> e -> d/);
    expect(out).toMatch(/Model 'a' \(models\/a\.sql\) has an enforced contract that its SQL does not match/);
    expect(out).toMatch(/\| amount +\| VARCHAR +\| INTEGER +\| data type mismatch/);
    expect(out).toMatch(/models\/b\.sql:4: error: Binder Error: Referenced column "amountt" not found/);
    expect(out).toMatch(/models\/g\.sql:3: error: Parser Error/);
    expect(out).toMatch(/models\/schema\.yml:20: error: models\/schema\.yml describes column 'nm' of model 'f', which the model does not produce/);
    expect(out).toMatch(/check failed: 6 errors/);
    // each problem once: no second 'nope' report from binding, no catalog error for the cycle
    expect(out.match(/'nope'/g)).toHaveLength(1);
    expect(out).not.toMatch(/Catalog Error/);
    expect(fs.existsSync(path.join(dir, 'target', 'test.duckdb'))).toBe(false);
  });

  it('--output json lists the same problems for CI annotations', () => {
    const run = runPlan(['check', '--output', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { ok: boolean; errors: number; problems: { code: string; file: string | null; line: number | null; message: string; severity: string }[] };
    expect(doc.ok).toBe(false);
    expect(doc.errors).toBe(6);
    expect(doc.problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'check.sql', file: 'models/b.sql', line: 4 }));
    expect(doc.problems).toContainEqual(expect.objectContaining({ code: 'check.unknown_column', file: 'models/schema.yml', line: 20 }));
    expect(doc.problems.map((p) => p.code)).toContain('check.contract');
  });
});

describe('plan check: clean project and --state breaking changes (e2e)', () => {
  const schema = (columns: string, extraModel = true): string => `version: 2
models:
  - name: orders
    config: {contract: {enforced: true}, materialized: table}
    columns:
${columns}
${extraModel ? `  - name: customers
    config: {contract: {enforced: true}}
    columns:
      - name: id
        data_type: int
` : ''}`;
  const fullColumns = `      - name: id
        data_type: int
        constraints: [{type: not_null}]
      - name: amount
        data_type: decimal(10,2)
      - name: note
        data_type: text
`;
  const dir = makeProject({
    'models/orders.sql': "select 1 as id, 1.5::decimal(10,2) as amount, 'x' as note\n",
    'models/customers.sql': 'select 1 as id\n',
    'models/schema.yml': schema(fullColumns),
  });
  afterAll(() => removeProject(dir));

  it('exits 0 on a clean project, and writes nothing', () => {
    const run = runPlan(['check'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toMatch(/check passed: 2 models/);
    const json = runPlan(['check', '--output', 'json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, errors: 0, models_checked: 2, problems: [] });
    expect(fs.existsSync(path.join(dir, 'target', 'test.duckdb'))).toBe(false);
  });

  it('--state reports removed and retyped columns, removed constraints and removed contracted models', () => {
    expect(runPlan(['compile'], { cwd: dir }).code).toBe(0);
    const state = path.join(dir, 'prod-state');
    fs.mkdirSync(state);
    fs.copyFileSync(path.join(dir, 'target', 'manifest.json'), path.join(state, 'manifest.json'));

    // no change: no breaking change
    expect(runPlan(['check', '--state', state], { cwd: dir }).code).toBe(0);

    fs.rmSync(path.join(dir, 'models', 'customers.sql'));
    writeFile(dir, 'models/orders.sql', "select 1 as id, 1.5::double as amount\n");
    writeFile(dir, 'models/schema.yml', schema('      - name: id\n        data_type: int\n      - name: amount\n        data_type: double\n', false));
    const run = runPlan(['check', '--state', state], { cwd: dir });
    const out = outputOf(run);
    expect(run.code, out).toBe(1);
    expect(out).toMatch(/Contracted model 'customers' \(models\/customers\.sql\) was removed/);
    expect(out).toMatch(/Breaking change to the contract of model 'orders'/);
    expect(out).toMatch(/column 'note' was removed/);
    expect(out).toMatch(/column 'amount' changed type from DECIMAL\(10,2\) to DOUBLE/);
    expect(out).toMatch(/the not_null constraint on column 'id' was removed/);

    const json = JSON.parse(runPlan(['check', '--state', state, '--output', 'json'], { cwd: dir }).stdout) as { problems: { code: string }[] };
    expect(json.problems.filter((p) => p.code === 'contract.breaking_change')).toHaveLength(2);

    const missing = runPlan(['check', '--state', path.join(dir, 'nowhere')], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(outputOf(missing)).toMatch(/--state: .*nowhere.* does not exist/);
  });
});

describe('plan check: a source naming a seed it loads (e2e)', () => {
  const dir = makeProject({
    'seeds/raw_c.csv': 'id,name\n1,a\n',
    'models/sources.yml': 'sources:\n  - name: raw\n    schema: main\n    tables:\n      - name: raw_c\n        columns:\n          - name: id\n',
    'models/m.sql': "select id, name from {{ source('raw', 'raw_c') }}",
  });
  afterAll(() => removeProject(dir));

  it("binds models against the seed's columns, not the source's partial list", () => {
    const run = runPlan(['check'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
  });
});

describe('plan check: documented columns in a dbt project (e2e)', () => {
  const dir = makeProject(
    {
      'dbt_project.yml': 'name: test\nprofile: test\n',
      'profiles.yml': 'test:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: target/test.duckdb}\n',
      'models/m.sql': 'select 1 as id',
      'models/schema.yml': 'models:\n  - name: m\n    columns:\n      - name: id\n      - name: retired_column\n',
    },
    { withDefaults: false },
  );
  afterAll(() => removeProject(dir));

  it('a yml column the model does not produce is a warning (dbt accepts it), not an error', () => {
    const run = runPlan(['check'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(outputOf(run)).toMatch(/models\/schema\.yml:5: warning: models\/schema\.yml describes column 'retired_column' of model 'm'/);
  });
});
