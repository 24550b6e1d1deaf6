import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlan, type CliRun } from '../helpers/run-cli.js';
import { makeProject, projectYml, removeProject } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** Issue 3, section 3: data tests through the built CLI. */

const FILES: Record<string, string> = {
  'project.yml': projectYml('test', 'vars:\n  min_amount: 0\n  allowed: placed\n'),
  'seeds/customers.csv': 'id,name\n1,alice\n2,bob\n',
  // id 3 twice, customer 3 unknown, status 'lost' (amount -5), two null amounts
  'models/orders.sql':
    "select * from (values (1, 1, 'placed', 10), (2, 1, 'shipped', 20), (3, 3, 'lost', -5), (3, 2, 'placed', null), (4, 2, 'placed', null)) t(id, customer_id, status, amount)\n",
  'models/after_orders.sql': "select * from {{ ref('orders') }}\n",
  'models/people.sql': "select * from (values (1, 'a'), (2, null)) t(id, nick)\n",
  'models/after_people.sql': "select * from {{ ref('people') }}\n",
  'macros/is_even.sql': '{% test is_even(model, column_name) %}\nselect * from {{ model }} where {{ column_name }} % 2 <> 0\n{% endtest %}\n',
  'tests/generic/positive.sql':
    '{% test positive(model, column_name, allow_zero=false) %}\nselect * from {{ model }} where {{ column_name }} <{% if not allow_zero %}={% endif %} 0\n{% endtest %}\n',
  'tests/no_big_orders.sql': "select * from {{ ref('orders') }} where amount > 100\n",
  'tests/customers_have_names.sql': "{{ config(severity='warn', tags=['names']) }}\nselect * from {{ ref('customers') }} where name <> 'alice'\n",
  'models/schema.yml': `version: 2
models:
  - name: orders
    description: "Orders above {{ var('min_amount') }}"
    columns:
      - name: id
        description: "{{ doc('order_id') }}"
        tests:
          - unique
          - not_null
      - name: customer_id
        tests:
          - relationships:
              to: ref('customers')
              field: id
              config:
                severity: warn
      - name: status
        data_tests:
          - accepted_values:
              values: ["{{ var('allowed') }}", shipped]
              config:
                where: "amount > 0"
          - accepted_values:
              name: status_strict
              values: [placed, shipped]
              config: {store_failures: true, tags: [strict]}
      - name: amount
        tests:
          - dbt_utils.accepted_range:
              min_value: "{{ var('min_amount') }}"
              config:
                store_failures: true
          - positive:
              allow_zero: true
              config: {severity: warn}
          - is_even:
              config: {enabled: false}
          - not_null:
              config:
                warn_if: ">1"
                error_if: ">10"
          - not_null:
              name: amount_present_limited
              config: {limit: 1, tags: [limited]}
    tests:
      - dbt_utils.unique_combination_of_columns:
          combination_of_columns: [id, customer_id]
      - dbt_utils.expression_is_true:
          expression: "id > 0"
          config: {tags: [sanity]}
  - name: people
    columns:
      - name: nick
        tests:
          - not_null:
              severity: warn
`,
  'models/docs.md': '{% docs order_id %}The order key.{% enddocs %}\n',
};

/** The status word and the rest of the line printed for one node. */
function line(run: CliRun, name: string): string {
  const found = run.stdout.split('\n').find((l) => new RegExp(`\\b(OK|PASS|FAIL|WARN|ERROR|SKIP)\\s+\\S+( test)?\\s+${name}\\b`).test(l));
  if (!found) throw new Error(`no line for ${name} in:\n${run.stdout}\n${run.stderr}`);
  return found;
}

describe('data tests (e2e)', () => {
  const dir = makeProject(FILES);
  let build: CliRun;
  beforeAll(() => {
    build = runPlan(['build'], { cwd: dir });
  });
  afterAll(() => removeProject(dir));

  it('plan build runs each model\'s tests after it and exits 1 on an error-severity failure', () => {
    expect(build.code, outputOf(build)).toBe(1);
    expect(line(build, 'unique_orders_id')).toMatch(/FAIL .*1 failing row/);
    expect(build.stdout).toMatch(/unique_field \| n_records[\s\S]*3 +\| 2/);
    expect(line(build, 'not_null_orders_id')).toMatch(/PASS/);
  });

  it('skips the downstream of an error-severity failure, not of a warn-severity one', () => {
    expect(line(build, 'after_orders')).toMatch(/SKIP/);
    expect(line(build, 'not_null_people_nick')).toMatch(/WARN .*1 failing row/);
    expect(line(build, 'after_people')).toMatch(/OK/);
  });

  it('resolves dbt_utils.* to the built-in tests, with Jinja in arguments rendered', () => {
    expect(line(build, 'dbt_utils_accepted_range_orders_amount___var_min_amount_')).toMatch(/FAIL .*1 failing row/);
    expect(line(build, 'dbt_utils_unique_combination_of_columns_orders_id__customer_id')).toMatch(/PASS/);
    expect(line(build, 'dbt_utils_expression_is_true_orders_id_0')).toMatch(/PASS/);
  });

  it('runs custom generic tests from macros/ and tests/generic/, and singular tests', () => {
    expect(line(build, 'positive_orders_True__amount')).toMatch(/WARN .*1 failing row/);
    expect(build.stdout).not.toMatch(/is_even/);
    expect(line(build, 'no_big_orders')).toMatch(/PASS/);
    expect(line(build, 'customers_have_names')).toMatch(/WARN .*1 failing row/);
  });

  it('applies where, warn_if/error_if, limit and severity config', () => {
    expect(line(build, 'accepted_values_orders_status___var_allowed___shipped')).toMatch(/PASS/);
    expect(line(build, 'status_strict')).toMatch(/FAIL .*1 failing row/);
    expect(line(build, 'not_null_orders_amount')).toMatch(/WARN .*2 failing rows/);
    expect(line(build, 'amount_present_limited')).toMatch(/FAIL .*1 failing row/);
    expect(line(build, 'relationships_orders_customer_id__id__ref_customers_')).toMatch(/WARN .*1 failing row/);
  });

  it('store_failures keeps every failing row in a table named after the test and prints a preview', async () => {
    expect(line(build, 'status_strict')).toMatch(/stored in "test"\."main_dbt_test__audit"\."status_strict"/);
    expect(build.stdout).toMatch(/value_field \| n_records[\s\S]*lost/);
    const stored = await queryDb(dir, 'select value_field from main_dbt_test__audit.status_strict');
    expect(stored).toEqual([{ value_field: 'lost' }]);
    const range = await queryDb(dir, 'select id, amount from main_dbt_test__audit.dbt_utils_accepted_range_orders_amount___var_min_amount_');
    expect(range).toEqual([{ id: 3, amount: -5 }]);
  });

  it('renders Jinja in yml descriptions', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8')) as { nodes: Record<string, { description: string; columns: Record<string, { description: string }> }> };
    expect(manifest.nodes['model.test.orders'].description).toBe('Orders above 0');
    expect(manifest.nodes['model.test.orders'].columns.id.description).toBe('The order key.');
  });

  it('plan test runs only the tests of the selection, by tag and by test type', () => {
    const orders = runPlan(['test', '--select', 'people'], { cwd: dir });
    expect(orders.code).toBe(0);
    expect(orders.stdout).toMatch(/Running 1 node/);
    expect(line(orders, 'not_null_people_nick')).toMatch(/WARN/);

    const tagged = runPlan(['test', '--select', 'tag:sanity'], { cwd: dir });
    expect(tagged.code).toBe(0);
    expect(tagged.stdout).toMatch(/Running 1 node/);
    expect(line(tagged, 'dbt_utils_expression_is_true_orders_id_0')).toMatch(/PASS/);

    const singular = runPlan(['test', '--select', 'test_type:singular'], { cwd: dir });
    expect(singular.code).toBe(0);
    expect(singular.stdout).toMatch(/Running 2 nodes/);

    const warnError = runPlan(['test', '--select', 'people', '--warn-error'], { cwd: dir });
    expect(warnError.code).toBe(1);
    expect(line(warnError, 'not_null_people_nick')).toMatch(/FAIL/);
  });
});

describe('data test errors (e2e)', () => {
  it('an unknown test, and a test whose SQL fails, are reported with file and line', () => {
    const dir = makeProject({
      'models/m.sql': 'select 1 as id\n',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: m\n    columns:\n      - name: id\n        tests:\n          - uniqe\n',
    });
    try {
      const unknown = runPlan(['build'], { cwd: dir });
      expect(unknown.code).toBe(2);
      expect(outputOf(unknown)).toMatch(/models\/schema\.yml:7: error: unknown test 'uniqe' on model 'm' column 'id'/);
      expect(outputOf(unknown)).toMatch(/did you mean 'unique'\?/);

      fs.writeFileSync(path.join(dir, 'models/schema.yml'), 'version: 2\nmodels:\n  - name: m\n    columns:\n      - name: idd\n        tests:\n          - not_null\n');
      // a model error is reported at its source line, though the config() line renders empty
      fs.writeFileSync(path.join(dir, 'models/m2.sql'), "{{ config(materialized='table') }}\nselect\n  idd\nfrom {{ ref('m') }}\n");
      const broken = runPlan(['build'], { cwd: dir });
      expect(broken.code).toBe(1);
      expect(line(broken, 'not_null_m_idd')).toMatch(/ERROR/);
      expect(outputOf(broken)).toMatch(/models\/schema\.yml:7: Binder Error: Referenced column "idd" not found/);
      expect(line(broken, 'm2')).toMatch(/SKIP/);
      const model = runPlan(['run', '--select', 'm2'], { cwd: dir });
      expect(model.code).toBe(1);
      expect(outputOf(model)).toMatch(/models\/m2\.sql:3: Binder Error: Referenced column "idd" not found/);
    } finally {
      removeProject(dir);
    }
  });
});
