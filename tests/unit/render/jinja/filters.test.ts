// Conformance: each template's expected output is what Jinja2 renders.
import { describe, expect, it } from 'vitest';
import { render } from './render-helper.js';

const rows = [
  { name: 'a', n: 1, ok: true },
  { name: 'b', n: 2, ok: false },
  { name: 'c', n: 3, ok: true },
];

describe('Jinja filters', () => {
  it.each([
    ['tojson sorts keys and uses Python separators', "{{ {'b': [1, 2], 'a': none, 'c': true} | tojson }}", '{"a": null, "b": [1, 2], "c": true}'],
    ['tojson escapes HTML-unsafe characters', "{{ \"it's <b>&\" | tojson }}", '"it\\u0027s \\u003cb\\u003e\\u0026"'],
    ['tojson(indent=2)', "{{ {'a': [1]} | tojson(indent=2) }}", '{\n  "a": [\n    1\n  ]\n}'],
    ['unique (case-insensitive like Jinja)', "{{ ['a', 'b', 'a', 'A'] | unique | list }}", "['a', 'b']"],
    ["map(attribute='x')", "{{ rows | map(attribute='name') | join(',') }}", 'a,b,c'],
    ["map('upper')", "{{ ['a', 'b'] | map('upper') | list }}", "['A', 'B']"],
    ['selectattr / rejectattr', "{{ rows | selectattr('ok') | map(attribute='name') | join }} {{ rows | rejectattr('ok') | map(attribute='name') | join }}", 'ac b'],
    ['selectattr with a test', "{{ rows | selectattr('n', 'gt', 1) | map(attribute='name') | join }} {{ rows | selectattr('name', 'equalto', 'b') | list | length }}", 'bc 1'],
    ['select / reject', "{{ [1, 2, 3, 4] | select('odd') | list }} {{ [1, 2, 3, 4] | reject('odd') | list }}", '[1, 3] [2, 4]'],
    ['list', "{{ 'ab' | list }} {{ {'k': 1} | list }}", "['a', 'b'] ['k']"],
    ['join', "{{ [1, 2, none] | join('-') }} {{ rows | join(', ', attribute='n') }}", '1-2-None 1, 2, 3'],
    ['default / d', "{{ missing | default('x') }} {{ none | default('x') }} {{ '' | d('y', true) }} {{ [] | default('z', boolean=true) }}", 'x None y z'],
    ['lower / upper / trim / replace', "{{ 'AbC' | lower }} {{ 'abc' | upper }} [{{ '  t  ' | trim }}] {{ 'a-b-c' | replace('-', '+') }}", 'abc ABC [t] a+b+c'],
    ['length / count', "{{ [1, 2] | length }} {{ 'abc' | length }} {{ {'a': 1} | count }}", '2 3 1'],
    ['int / float', "{{ '42' | int }} {{ '3.7' | int }} {{ 'x' | int }} {{ 'x' | int(5) }} {{ '2.5' | float }} {{ true | int }}", '42 3 0 5 2.5 1'],
    ['string', '{{ [1, none] | string }} {{ 3 | string ~ 1 }}', '[1, None] 31'],
    ['round (half to even, like Python)', "{{ 2.567 | round(2) }} {{ 2.5 | round | int }} {{ 3.5 | round | int }} {{ 2.1 | round(method='ceil') | int }}", '2.57 2 4 3'],
    ['first / last', "{{ [1, 2, 3] | first }} {{ [1, 2, 3] | last }} {{ 'ab' | first }}", '1 3 a'],
    ['sort', "{{ [3, 1, 2] | sort }} {{ [3, 1, 2] | sort(reverse=true) }} {{ rows | sort(attribute='n', reverse=true) | map(attribute='name') | join }}", '[1, 2, 3] [3, 2, 1] cba'],
    ['sum', "{{ [1, 2, 3] | sum }} {{ rows | sum(attribute='n') }}", '6 6'],
    ['batch', '{% for b in [1, 2, 3, 4, 5] | batch(2) %}{{ b }}{% endfor %}', '[1, 2][3, 4][5]'],
    ['format', "{{ '%s-%d' | format('a', 5) }}", 'a-5'],
    ['title / capitalize', "{{ 'hello world' | title }} {{ 'hello World' | capitalize }}", 'Hello World Hello world'],
    ['dbt as_bool / as_number', "{{ 'True' | as_bool }} {{ ('1' | as_number) + 1 }}", 'True 2'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, { rows })).toBe(expected);
  });
});
