// Conformance: each template's expected output is what Jinja2 renders.
import { describe, expect, it } from 'vitest';
import { render } from './render-helper.js';

describe('Jinja statements', () => {
  it.each([
    ['a materialization block defines a macro and renders nothing', "a{% materialization my_table, adapter='duckdb' %}{% call statement('main') %}x{% endcall %}{% endmaterialization %}b{{ materialization_my_table_duckdb is defined }}", 'abTrue'],
    ['{% do list.append(x) %}', '{% set l = [] %}{% do l.append(1) %}{% do l.append(2) %}{{ l }}', '[1, 2]'],
    ['{% do dict.update({...}) %}', "{% set d = {} %}{% do d.update({'a': 1}) %}{% do d.update(b=2) %}{{ d }}", "{'a': 1, 'b': 2}"],
    ['a set inside a for does not leak out', '{% set x = 1 %}{% for i in [5, 6] %}{% set x = i %}{{ x }}{% endfor %}{{ x }}', '561'],
    ['a set inside a for stays local even for a loop-scoped name', '{% for i in [1, 2] %}{% set y = i * 10 %}{{ y }},{% endfor %}[{{ y }}]', '10,20,[]'],
    ['a set inside an if is visible after it', '{% if true %}{% set x = 2 %}{% endif %}{{ x }}', '2'],
    ['a set inside a macro stays local', '{% set x = 1 %}{% macro m() %}{% set x = 2 %}{{ x }}{% endmacro %}{{ m() }}{{ x }}', '21'],
    ['namespace() carries values out of loops', '{% set ns = namespace(total=0, seen=[]) %}{% for i in [1, 2, 3] %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}', '6'],
    ['set with tuple unpacking', '{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set c, d = (3, 4) %}{{ c }}{{ d }}', '1234'],
    ['set block', '{% set x %}hello {{ 1 + 1 }}{% endset %}[{{ x }}]', '[hello 2]'],
    ['whitespace control', 'a  {%- if true -%}  b  {%- endif -%}  c\n{{- " d" }}', 'abc d'],
    ['comments', 'a{# ignored {{ x }} #}b{#- trimmed -#} c', 'abc'],
    ['raw', '{% raw %}{{ not rendered }}{% endraw %}', '{{ not rendered }}'],
    ['loop.index / first / last / length', '{% for x in "abc" %}{{ loop.index }}{{ loop.first }}{{ loop.last }}{{ loop.length }} {% endfor %}', '1TrueFalse3 2FalseFalse3 3FalseTrue3 '],
    ['loop.index0 / revindex / cycle', '{% for x in [1, 2] %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.cycle("a", "b") }}{% endfor %}', '02a11b'],
    ['for over a dict yields keys', "{% for k in {'a': 1, 'b': 2} %}{{ k }}{% endfor %}", 'ab'],
    ['for k, v in dict.items()', "{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}", 'a=1;b=2;'],
    ['for ... if filters items (and loop counts the kept ones)', '{% for n in [1, 2, 3, 4] if n is even %}{{ n }}/{{ loop.length }} {% endfor %}', '2/2 4/2 '],
    ['for k, v ... if', "{% for k, v in {'a': 1, 'b': 2}.items() if v > 1 %}{{ k }}{% endfor %}", 'b'],
    ['for ... else', '{% for x in [] %}x{% else %}empty{% endfor %}', 'empty'],
    ['if / elif / else', '{% if x > 5 %}big{% elif x > 1 %}mid{% else %}small{% endif %}', 'mid'],
    ['filter block', '{% filter upper %}shout{% endfilter %}', 'SHOUT'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, { x: 3 })).toBe(expected);
  });
});
