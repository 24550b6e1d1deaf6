import { describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';

/** Issue 3, section 1: property files are validated with file and line, every problem at once. */

describe('property file validation (e2e)', () => {
  it('reports a typo in a key, an unknown test, a column declared twice and an unknown model together, exit 2', () => {
    const dir = makeProject({
      'models/orders.sql': 'select 1 as id, 2 as amount\n',
      'seeds/s.csv': 'a\n1\n',
      'models/schema.yml': `version: 2
models:
  - name: orders
    descripton: typo here
    columns:
      - name: id
        tests: [unique, not_nul]
      - name: amount
      - name: ID
  - name: ordres
    columns:
      - name: id
`,
      'seeds/seeds.yml': 'version: 2\nseeds:\n  - name: s\n    config:\n      column_type: {a: int}\n',
    });
    try {
      for (const command of ['build', 'check']) {
        const run = runPlan([command], { cwd: dir });
        const out = outputOf(run);
        expect(run.code, out).toBe(command === 'build' ? 2 : 1);
        expect(out).toMatch(/models\/schema\.yml:4: error: .*descripton/);
        expect(out).toMatch(/did you mean 'description'/);
        expect(out).toMatch(/models\/schema\.yml:7: error: unknown test 'not_nul' on model 'orders' column 'id'/);
        expect(out).toMatch(/models\/schema\.yml:9: error: .*column 'ID' is declared twice \(lines 6 and 9\)/);
        expect(out).toMatch(/models\/schema\.yml:10: error: models\/schema\.yml describes model 'ordres', which does not exist/);
        expect(out).toMatch(/did you mean 'orders'\?/);
        expect(out).toMatch(/seeds\/seeds\.yml:5: error: .*column_type/);
      }
    } finally {
      removeProject(dir);
    }
  });

  it('renders var() and doc() in yml values: descriptions, test arguments and test configs', () => {
    const dir = makeProject({
      'project.yml': 'name: test\nprofile: test\nvars:\n  strict: false\n  low: 5\n',
      'models/m.sql': 'select 1 as id, 3 as amount\n',
      'models/docs.md': '{% docs amount_doc %}How much.{% enddocs %}\n',
      'models/schema.yml': `version: 2
models:
  - name: m
    description: "{{ doc('amount_doc') }}"
    columns:
      - name: amount
        description: "min {{ var('low') }}"
        tests:
          - dbt_utils.accepted_range:
              min_value: "{{ var('low') }}"
              config:
                severity: "{{ var('sev', 'error' if var('strict') else 'warn') }}"
`,
    });
    try {
      const run = runPlan(['build'], { cwd: dir });
      expect(run.code, outputOf(run)).toBe(0);
      expect(run.stdout).toMatch(/WARN .*dbt_utils_accepted_range_m_amount.* 1 failing row/);
      const strict = runPlan(['test', '--vars', 'strict: true'], { cwd: dir });
      expect(strict.code, outputOf(strict)).toBe(1);
      expect(strict.stdout).toMatch(/FAIL .*dbt_utils_accepted_range_m_amount/);
      const bad = runPlan(['test', '--vars', 'sev: loud'], { cwd: dir });
      expect(bad.code).toBe(2);
      expect(outputOf(bad)).toMatch(/models\/schema\.yml:9: error: test 'accepted_range' config \(after rendering\): severity: expected 'error' or 'warn', found the string 'loud'/);
    } finally {
      removeProject(dir);
    }
  });
});
