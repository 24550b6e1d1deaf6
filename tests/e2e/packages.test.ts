import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** Installed dbt packages (dbt_packages/, local: entries): their macros, namespaces, tests and vars. */

// A package written the way dbt_utils-style packages are: dispatch through its namespace, private
// helpers called as pkg._helper(), a relation check on `is mapping` and metadata, a var default.
const PACKAGE_MACROS = `{% macro columns_of(from, except=[]) %}{{ return(adapter.dispatch('columns_of', 'toolkit')(from, except)) }}{% endmacro %}
{% macro default__columns_of(from, except=[]) %}
  {%- do toolkit._require_relation(from) -%}
  {%- if not execute -%}{{ return('*') }}{%- endif -%}
  {%- set names = [] -%}
  {%- for col in adapter.get_columns_in_relation(from) if col.name not in except -%}{%- do names.append(col.name) -%}{%- endfor -%}
  {{ return(names | join(', ')) }}
{% endmacro %}
{% macro _require_relation(obj) %}
  {%- if not (obj is mapping and obj.get('metadata', {}).get('type', '').endswith('Relation')) or obj.is_cte -%}
    {%- do exceptions.raise_compiler_error('expected a relation, got ' ~ obj) -%}
  {%- endif -%}
{% endmacro %}
{% macro label() %}'{{ var('toolkit_label') }}'{% endmacro %}
{% test at_least(model, column_name, minimum) %}select * from {{ model }} where {{ column_name }} < {{ minimum }}{% endtest %}
`;

const FILES: Record<string, string> = {
  'project.yml': 'name: shop\nprofile: test\n',
  'packages.yml': 'packages:\n  - package: acme/toolkit\n    version: [">=1.0.0"]\n  - local: vendor/shared\n',
  'vendor/shared/dbt_project.yml': 'name: shared\n',
  'vendor/shared/macros/two.sql': '{% macro two() %}2{% endmacro %}\n',
  'dbt_packages/toolkit/dbt_project.yml': "name: toolkit\nversion: '1.0.0'\nconfig-version: 2\nvars:\n  toolkit:\n    toolkit_label: from-package\n",
  'dbt_packages/toolkit/macros/toolkit.sql': PACKAGE_MACROS,
  'seeds/orders.csv': 'id,amount,note\n1,5,a\n2,7,b\n',
  'models/picked.sql': "select {{ toolkit.columns_of(ref('orders'), except=['note']) }}, {{ toolkit.label() }} as label, {{ shared.two() }} as two from {{ ref('orders') }}",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: picked\n    columns:\n      - name: amount\n        data_tests:\n          - toolkit.at_least: {minimum: 5}\n',
};

describe('dbt packages (e2e)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));

  it('builds with the packages\' macros, generic tests and var defaults', async () => {
    const run = runPlan(['build'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toMatch(/PASS +test +toolkit_at_least_picked_amount__5/);
    expect(await queryDb(dir, 'select * from picked order by id')).toEqual([
      { id: 1, amount: 5, label: 'from-package', two: 2 },
      { id: 2, amount: 7, label: 'from-package', two: 2 },
    ]);
  });

  it('the project\'s vars override a package\'s; a package macro refuses a non-relation', () => {
    writeFile(dir, 'project.yml', 'name: shop\nprofile: test\nvars:\n  toolkit_label: from-project\n');
    writeFile(dir, 'models/bad.sql', "select {{ toolkit.columns_of('orders') }}");
    const run = runPlan(['compile', '--select', 'picked'], { cwd: dir });
    expect(outputOf(run)).toMatch(/models\/bad\.sql.*expected a relation, got orders/);
    writeFile(dir, 'models/bad.sql', 'select 1 as x');
    const ok = runPlan(['compile', '--select', 'picked', '--indirect-selection', 'empty'], { cwd: dir });
    expect(ok.code, outputOf(ok)).toBe(0);
    expect(ok.stdout).toMatch(/'from-project' as label/);
  });

  it('a package listed in packages.yml but not installed is an error that says to run dbt deps', () => {
    writeFile(dir, 'packages.yml', 'packages:\n  - package: acme/toolkit\n    version: 1.0.0\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n');
    const run = runPlan(['ls'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(outputOf(run)).toMatch(/packages\.yml:4: error: packages\.yml: package 'dbt-labs\/dbt_utils' is not installed in dbt_packages\//);
    expect(outputOf(run)).toMatch(/run `dbt deps` once/);
  });
});
