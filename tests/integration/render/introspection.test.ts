import { describe, expect, it } from 'vitest';
import { PlanError } from '../../../src/errors/plan-error.js';
import { compileWithQueries } from '../../../src/render/introspection.js';
import { memoryConnection } from '../../helpers/memory-connection.js';
import { modelFrame as frame, renderSession as session } from '../../helpers/render-session.js';

const db = memoryConnection("create table t as select * from (values (1, 'a', 2.5), (2, 'b', null)) v(id, name, score)");

/** Render `text` to run, answering its queries from the in-memory database; returns the SQL and the queries sent. */
async function renderToRun(text: string, logs: string[] = []): Promise<{ sql: string; sent: string[] }> {
  const s = session((m) => logs.push(m));
  const sent: string[] = [];
  const sql = await compileWithQueries(
    (introspection) => s.renderString(text, frame(text, 'compile', introspection)),
    (q) => {
      sent.push(q);
      return db.conn.query(q);
    },
    s.log,
    'models/m.sql',
  );
  return { sql: sql.trim(), sent };
}

describe('run_query and friends while rendering', () => {
  it('gives dbt\'s agate table: rows by index and name, columns with values(), length and iteration', async () => {
    const { sql } = await renderToRun(
      "{% set r = run_query('select id, name, score from t order by id') %}" +
        "{{ r | length }};{{ r.column_names | join(',') }};{{ r.columns[1].values() | join(',') }};{{ r.columns['id'].values() | join(',') }};" +
        "{{ r.rows[0]['name'] }}{{ r.rows[1].name }}{{ r[0][0] }};{% for row in r %}{{ row.id }}:{{ row.get('score') }} {% endfor %};" +
        "{{ r.rows[0].keys() | join(',') }};{{ r.rows[0].dict()['score'] }};{{ r.columns[2].values_without_nulls() | length }}",
    );
    expect(sql).toBe('2;id,name,score;a,b;1,2;ab1;1:2.5 2:None ;id,name,score;2.5;1');
  });

  it('sends each query once, in template order (a repeated statement runs again), and prints logs once', async () => {
    const logs: string[] = [];
    const { sql, sent } = await renderToRun(
      "{{ log('start', info=True) }}{% set a = run_query('select count(*) as n from t') %}" +
        "{% call statement('names', fetch_result=True) %}select name from t order by 1{% endcall %}" +
        "{% set b = run_query('select count(*) as n from t') %}" +
        "{{ a[0][0] }}/{{ load_result('names')['data'] | map(attribute=0) | join(',') }}/{{ b[0][0] }}",
      logs,
    );
    expect(sql).toBe('2/a,b/2');
    expect(sent).toEqual(['select count(*) as n from t', 'select name from t order by 1', 'select count(*) as n from t']);
    expect(logs).toEqual(['start']);
  });

  it('adapter.get_columns_in_relation and get_relation read the catalog', async () => {
    const { sql } = await renderToRun(
      "{% set cols = adapter.get_columns_in_relation(adapter.get_relation('memory', 'main', 't')) %}" +
        "{% for c in cols %}{{ c.name }} {{ c.data_type }} {{ c.is_number() }};{% endfor %}{{ adapter.get_relation('memory', 'main', 'nope') is none }} {{ cols[1].string_size() }}",
    );
    expect(sql).toBe('id INTEGER True;name VARCHAR False;score DECIMAL(2,1) True;True 256');
  });

  it('does nothing while parsing (execute is false): run_query gives none, no query is sent', () => {
    const text = "{% set r = run_query('select 1') %}{{ r is none }} {{ adapter.get_columns_in_relation(this) | length }}{% call statement('x') %}select 1{% endcall %}{{ load_result('x') is none }}";
    expect(session().renderString(text, frame(text, 'parse')).trim()).toBe('True 0True');
  });

  it('is a clear error where no database is at hand', () => {
    const text = "{% set r = run_query('select 1') %}";
    let error: unknown;
    try {
      session().renderString(text, frame(text, 'compile'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).code).toBe('render.needs_database');
    expect((error as PlanError).file).toBe('models/m.sql');
  });
});
