import { describe, expect, it } from 'vitest';
import { modelFrame, renderSession } from '../../helpers/render-session.js';

function render(text: string): string {
  return renderSession().renderString(text, modelFrame(text));
}

describe("dbt's Jinja context functions", () => {
  it.each([
    [`{{ fromjson('{"a": [1, 2]}')['a'] | length }}`, '2'],
    [`{{ fromjson('not json', 'fallback') }}`, 'fallback'],
    [`{{ fromyaml('a: {b: 3}')['a']['b'] }}`, '3'],
    [`{{ tojson({'k': 1, 'a': [1, 'x']}) }}`, '{"k": 1, "a": [1, "x"]}'],
    [`{{ toyaml({'k': 1}) | trim }}`, 'k: 1'],
    [`{{ local_md5('x') }}`, '9dd4e461268c8034f5c8564e155c67a6'],
    [`{{ set([1, 1, 2]) | length }}`, '2'],
    [`{{ set(['b', 'a']) == set(['a', 'b', 'a']) }}`, 'True'],
    [`{{ as_number('3') + 1 }} {{ as_bool('True') }} {{ as_text(none) }}|`, '4 True |'],
    [`{{ api.Relation.create(schema='s', identifier='t') }}`, '"memory"."s"."t"'],
    [`{{ api.Column.translate_type('string') }}`, 'VARCHAR'],
    [`{{ modules.re.sub('a+', 'b', 'caat') }} {{ modules.re.search('(\\d+)', 'ab12c').group(1) }} {{ modules.re.match('b', 'ab') is none }}`, 'cbt 12 True'],
    [`{{ modules.re.findall('\\d', 'a1b2') }}`, "['1', '2']"],
  ])('%s', (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('modules.datetime: values, arithmetic with timedelta, comparison, strptime', () => {
    const dt = 'modules.datetime';
    expect(render(`{{ (${dt}.datetime(2024, 3, 1) - ${dt}.timedelta(days=1)).strftime('%Y-%m-%d') }}`)).toBe('2024-02-29');
    expect(render(`{{ ${dt}.date(2024, 3, 1) + ${dt}.timedelta(weeks=1) }}`)).toBe('2024-03-08');
    expect(render(`{{ (${dt}.date(2024, 3, 1) - ${dt}.date(2024, 1, 1)).days }}`)).toBe('60');
    expect(render(`{{ ${dt}.date(2024, 1, 1) < ${dt}.date(2024, 2, 1) }}`)).toBe('True');
    expect(render(`{{ ${dt}.datetime.strptime('2024-02-03 04:05', '%Y-%m-%d %H:%M') }}`)).toBe('2024-02-03 04:05:00');
    expect(render(`{{ ${dt}.datetime.now().year >= 2024 }}`)).toBe('True');
  });
});
