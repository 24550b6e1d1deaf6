import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, projectYml, removeProject, writeFile } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** dbt's introspective queries while rendering: run_query, {% call statement %} + load_result, adapter methods. */

const FILES: Record<string, string> = {
  'project.yml': projectYml(
    'test',
    "on-run-end:\n  - \"{% set r = run_query('select count(*) as n from ' ~ ref('pivoted')) %}create or replace table hook_saw as select {{ r[0][0] if execute else 0 }} as pivoted_rows\"\n" +
      "  - \"create or replace table run_summary as select '{{ results | map(attribute='node') | map(attribute='name') | sort | join(',') }}' as names, '{{ schemas | join(',') }}' as schemas, {{ results | selectattr('status', 'equalto', 'success') | list | length }} as ok\"\n",
  ),
  'seeds/payments.csv': 'id,method,amount\n1,card,10\n2,cash,5\n3,card,7\n4,gift,1\n',
  // dbt_utils.get_column_values' shape: a statement block, then load_result()['data'].
  'macros/column_values.sql': `{% macro column_values(relation, column) %}
  {% call statement('column_values', fetch_result=True) %}
    select distinct {{ column }} from {{ relation }} order by 1
  {% endcall %}
  {% if execute %}
    {{ return(load_result('column_values')['data'] | map(attribute=0) | list) }}
  {% else %}
    {{ return([]) }}
  {% endif %}
{% endmacro %}
`,
  'models/pivoted.sql': `{% set methods = column_values(ref('payments'), 'method') %}
select
{% for m in methods %}  sum(case when method = '{{ m }}' then amount else 0 end) as {{ m }}_amount{% if not loop.last %},{% endif %}
{% endfor %}from {{ ref('payments') }}
`,
  'models/described.sql': `{% set cols = adapter.get_columns_in_relation(ref('payments')) %}
{% set res = run_query('select method, count(*) as n from ' ~ ref('payments') ~ ' group by 1 order by 1') %}
{% if execute %}{% for row in res.rows %}{{ log('counted ' ~ row['method'] ~ '=' ~ row.n, info=True) }}{% endfor %}{% endif %}
select
  '{{ cols | map(attribute='name') | join(',') }}' as column_names,
  '{{ cols | map(attribute='data_type') | join(',') }}' as column_types,
  {{ res | length if execute else 0 }} as methods,
  '{{ res.columns[0].values() | join('|') if execute else '' }}' as method_list,
  '{{ res.columns['n'].values() | join('|') if execute else '' }}' as counts,
  {{ 'true' if load_relation(ref('payments')) is not none else 'false' }} as payments_exists,
  {{ 'true' if adapter.get_relation(this.database, this.schema, 'no_such_table') is none else 'false' }} as missing_is_none
`,
  // dbt's graph variable: the project's nodes as manifest.json has them, once nodes run.
  'models/graphy.sql': `{% set names = [] %}
{% if execute %}{% for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') %}{% do names.append(node.name) %}{% endfor %}{% endif %}
select '{{ names | sort | join(",") }}' as models, {{ graph.nodes | length if execute else 0 }} as nodes
`,
};

describe('introspective queries while rendering (e2e)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));

  it('build renders run_query, statement blocks and adapter methods against the database, each query once', async () => {
    const sqlLog = path.join(dir, 'sql-log.jsonl');
    const run = runPlan(['build'], { cwd: dir, env: { PLAN_SQL_LOG: sqlLog } });
    expect(run.code, outputOf(run)).toBe(0);
    const sent = fs.readFileSync(sqlLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { t: string; sql?: string });
    const times = (pattern: RegExp): number => sent.filter((e) => e.t === 'sql' && pattern.test(e.sql ?? '')).length;
    expect(times(/select distinct method from/)).toBe(1);
    expect(times(/select method, count\(\*\) as n from/)).toBe(1);
    expect(times(/from information_schema\.columns/)).toBe(1);
    expect(await queryDb(dir, 'select * from pivoted')).toEqual([{ card_amount: 17, cash_amount: 5, gift_amount: 1 }]);
    expect(await queryDb(dir, 'select * from described')).toEqual([
      { column_names: 'id,method,amount', column_types: 'INTEGER,VARCHAR,INTEGER', methods: 3, method_list: 'card|cash|gift', counts: '2|1|1', payments_exists: true, missing_is_none: true },
    ]);
    expect(await queryDb(dir, 'select * from graphy')).toEqual([{ models: 'described,graphy,pivoted', nodes: 4 }]);
    // log() runs once per line although the template is rendered again after each query.
    expect(outputOf(run).match(/counted card=2/g)).toHaveLength(1);
    // on-run-end hooks may query too: rendered when they run, after the models.
    expect(await queryDb(dir, 'select pivoted_rows from hook_saw')).toEqual([{ pivoted_rows: 1 }]);
    // and see dbt's results and schemas.
    expect(await queryDb(dir, 'select * from run_summary')).toEqual([{ names: 'described,graphy,payments,pivoted', schemas: 'main', ok: 4 }]);
  });

  it('compile opens the database read-only for the queries; show renders against it', () => {
    const compile = runPlan(['compile', '--select', 'pivoted'], { cwd: dir });
    expect(compile.code, outputOf(compile)).toBe(0);
    expect(compile.stdout).toMatch(/as card_amount,\n.*as cash_amount,\n.*as gift_amount/);
    const show = runPlan(['show', '--select', 'described', '--output', 'json'], { cwd: dir });
    expect(show.code, outputOf(show)).toBe(0);
    expect(JSON.parse(show.stdout).rows[0].method_list).toBe('card|cash|gift');
  });

  it('check warns (does not fail) when SQL built from query results does not bind on its empty tables', () => {
    const check = runPlan(['check'], { cwd: dir });
    expect(check.code, outputOf(check)).toBe(0);
    expect(check.stderr + check.stdout).toMatch(/models\/pivoted\.sql: warning: model 'pivoted' builds its SQL from query results/);
    // adapter.get_columns_in_relation sees the empty tables check builds: this model binds.
    expect(check.stderr + check.stdout).not.toMatch(/described/);
  });

  it('a failing query names the model file and shows the query; compile without a database says so', () => {
    writeFile(dir, 'models/broken.sql', "{% set r = run_query('select * from no_such_table') %}\nselect 1 as x\n");
    const run = runPlan(['run', '--select', 'broken'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(outputOf(run)).toMatch(/models\/broken\.sql.*a query sent while rendering \(run_query, statement or an adapter method\) failed: Catalog Error/s);
    expect(outputOf(run)).toMatch(/select \* from no_such_table/);
    fs.rmSync(path.join(dir, 'models', 'broken.sql'));

    fs.rmSync(path.join(dir, 'target'), { recursive: true, force: true });
    const compile = runPlan(['compile', '--select', 'pivoted'], { cwd: dir });
    expect(compile.code).toBe(2);
    expect(outputOf(compile)).toMatch(/models\/pivoted\.sql: error: a query sent while rendering .*database does not exist/);
    expect(outputOf(compile)).not.toMatch(/\n\s+at /);
  });
});
