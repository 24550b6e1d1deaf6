import { describe, expect, it } from 'vitest';
import { memoryConnection } from '../../helpers/memory-connection.js';
import { modelFrame, renderSession } from '../../helpers/render-session.js';

const db = memoryConnection();

function render(text: string, macros = ''): string {
  const session = renderSession();
  if (macros) session.env.registerMacroFile(macros, 'macros/m.sql');
  return session.renderString(text, modelFrame(text)).trim();
}

describe("dbt's cross-database macros", () => {
  it('render SQL that DuckDB runs, with the values dbt-duckdb gives', async () => {
    const sql = render(`select
  cast(1 as {{ dbt.type_string() }}) as s,
  {{ dbt.date_trunc('month', "date '2024-03-15'") }}::date as month_start,
  {{ dbt.dateadd(datepart='day', interval=3, from_date_or_timestamp="date '2024-03-15'") }}::date as plus3,
  {{ dbt.datediff("date '2024-03-01'", "date '2024-03-15'", 'day') }} as days,
  {{ dbt.last_day("date '2024-02-10'", 'month') }} as feb_end,
  {{ dbt.concat(["'a'", "'b'"]) }} as ab,
  {{ dbt.safe_cast("'x'", dbt.type_int()) }} as bad_int,
  {{ dbt.split_part("'a-b-c'", "'-'", 2) }} as second,
  {{ dbt.split_part("'a-b-c'", "'-'", -1) }} as last,
  {{ dbt.position("'c'", "'abc'") }} as pos,
  {{ dbt.right("'abcdef'", 2) }} as tail,
  {{ dbt.hash("'x'") }} = md5('x') as hashed,
  {{ dbt.string_literal(dbt.escape_single_quotes("it's")) }} as quoted,
  {{ dbt.array_construct([1, 2]) }} as arr,
  (select {{ dbt.listagg('x::varchar', "'|'", 'order by x desc', 2) }} from range(4) t(x)) as top2,
  (select {{ dbt.listagg('x::varchar') }} from range(2) t(x)) as all_x,
  {{ dbt.cast_bool_to_text('true') }} as bool_text`);
    const { rows } = await db.conn.query(sql);
    expect(rows).toEqual([
      {
        s: '1', month_start: '2024-03-01', plus3: '2024-03-18', days: 14, feb_end: '2024-02-29', ab: 'ab', bad_int: null, second: 'b', last: 'c',
        pos: 3, tail: 'ef', hashed: true, quoted: "it's", arr: [1, 2], top2: '3|2', all_x: '0,1', bool_text: 'true',
      },
    ]);
  });

  it('are reachable unqualified and through adapter.dispatch; a project macro of the same name wins unqualified, not as dbt.<name>', () => {
    expect(render("{{ dateadd('day', 1, 'd') }} {{ adapter.dispatch('type_string', 'dbt')() }}")).toBe("date_add(d, interval (1) day) VARCHAR");
    const own = "{% macro concat(fields) %}concat_ws('', {{ fields | join(', ') }}){% endmacro %}";
    expect(render("{{ concat(['a', 'b']) }} / {{ dbt.concat(['a', 'b']) }}", own)).toBe("concat_ws('', a, b) / a || b");
  });
});
