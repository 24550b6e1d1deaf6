// Conformance: each template's expected output is what Jinja2 renders.
import { describe, expect, it } from 'vitest';
import { render } from './render-helper.js';

describe('Jinja expressions', () => {
  it.each([
    ['True/False/None print as Python', '{{ True }} {{ False }} {{ None }} {{ true }} {{ none }}', 'True False None True None'],
    ['undefined variables render empty', '[{{ missing }}]', '[]'],
    ['lists and dicts print as Python repr', "{{ [1, 'a', none] }} {{ {'k': 'v'} }}", "[1, 'a', None] {'k': 'v'}"],
    ['tuples are sequences, not the last element', '{{ (1, 2) }} {{ (1, 2) | length }} {{ (1, 2)[0] }}', '(1, 2) 2 1'],
    ['dict.items() yields tuples', "{{ {'a': 1}.items() | list }}", "[('a', 1)]"],
    ['a parenthesized expression is not a tuple', '{{ (1 + 2) * 3 }}', '9'],
    ['a trailing comma in lists, dicts and tuples', "{{ [1, 2,] }} {{ {'a': 1,} }} {{ (7,) }} {{ (7,) | length }}", "[1, 2] {'a': 1} (7,) 1"],
    ['a trailing comma in calls and macro signatures', "{% macro m(a, b,) %}{{ a }}-{{ b }}{% endmacro %}{{ m(1, b=2,) }} {{ dict(k=1,).k }}", '1-2 1'],
    ['for a, b in a list of tuples', '{% for a, b in [(1, 2), (3, 4)] %}{{ a }}{{ b }};{% endfor %}', '12;34;'],
    ['nested dict literal in set', "{% set d = {'a': {'b': 1}} %}{{ d.a.b }}", '1'],
    ['nested dict literal in output', "{{ {'a': {'b': 1}}['a']['b'] }}", '1'],
    ['a string containing }} inside a dict', "{{ {'a': '}}'}['a'] }}", '}}'],
    ['dict keys are expressions', "{% set k = 'col' %}{{ {k: 1} }}", "{'col': 1}"],
    ['"%s" % x', "{{ 'hello %s' % 'world' }}", 'hello world'],
    ['"%s-%s" % (a, b)', "{{ '%s-%s' % ('a', 1) }}", 'a-1'],
    ['"%d" truncates', "{{ '%d' % 3.9 }}", '3'],
    ['"%.2f"', "{{ '%.2f' % 3.14159 }}", '3.14'],
    ['"%05.1f" and "%-4s|"', "{{ '%05.1f' % 3.14159 }} {{ '%-4s|' % 'ab' }}", '003.1 ab  |'],
    ['"%(name)s" % dict', "{{ '%(a)s+%(b)s' % {'a': 1, 'b': 2} }}", '1+2'],
    ['%% is a literal percent', "{{ '%d%%' % 50 }}", '50%'],
    ['numeric modulo floors like Python', '{{ 7 % 3 }} {{ -7 % 3 }}', '1 2'],
    ["'-' * 3 repeats", "{{ '-' * 3 }}{{ 2 * 'ab' }}", '---abab'],
    ['list * n repeats', '{{ [0] * 3 }}', '[0, 0, 0]'],
    ['list + list concatenates', '{{ [1] + [2, 3] }}', '[1, 2, 3]'],
    ['~ stringifies like str()', "{{ 'a' ~ 1 ~ none ~ true }}", 'a1NoneTrue'],
    ['floor division and power', '{{ 7 // 2 }} {{ 2 ** 10 }}', '3 1024'],
    ['== compares by value without coercion', "{{ 1 == '1' }} {{ [1, 2] == [1, 2] }} {{ {'a': 1} == {'a': 1} }} {{ 1 != 2 }}", 'False True True True'],
    ['chained comparison', '{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }}', 'True False'],
    ['in and not in', "{{ 'a' in ['a'] }} {{ 'b' not in ['a'] }} {{ 'ell' in 'hello' }} {{ 'k' in {'k': 1} }}", 'True True True True'],
    ['empty list and dict are false', "{{ 'y' if [] else 'n' }}{{ 'y' if {} else 'n' }}{{ 'y' if [0] else 'n' }}", 'nny'],
    ['and/or return an operand', "{{ [] or 'default' }} {{ 'a' and 'b' }} {{ 0 and 'x' }}", 'default b 0'],
    ['not uses Python truthiness', '{{ not [] }} {{ not [1] }}', 'True False'],
    ['inline if without else is empty', "[{{ 'x' if false }}]", '[]'],
    ['is none / is not none', '{{ none is none }} {{ 1 is not none }} {{ missing is none }}', 'True True False'],
    ['is defined / is not defined', '{{ x is defined }} {{ y is defined }} {{ y is not defined }}', 'True False True'],
    ['is string / is number', "{{ 'a' is string }} {{ 1 is string }} {{ 1.5 is number }} {{ 'a' is number }}", 'True False True False'],
    ['is mapping / is iterable', "{{ {} is mapping }} {{ [] is mapping }} {{ [] is iterable }} {{ 'a' is iterable }} {{ 1 is iterable }}", 'True False True True False'],
    ['is sequence / is boolean / is integer', '{{ [1] is sequence }} {{ true is boolean }} {{ 3 is integer }} {{ 3.5 is integer }}', 'True True True False'],
    ['range()', '{{ range(3) | list }} {{ range(1, 7, 2) | list }}', '[0, 1, 2] [1, 3, 5]'],
    ['dict(a=1)', '{{ dict(a=1, b=2) }}', "{'a': 1, 'b': 2}"],
    ['zip()', '{% for a, b in zip([1, 2], ["x", "y"]) %}{{ a }}{{ b }}{% endfor %}', '1x2y'],
    ['negative index and slices', "{{ [1, 2, 3][-1] }} {{ 'abc'[0] }}", '3 a'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, { x: 1 })).toBe(expected);
  });
});
