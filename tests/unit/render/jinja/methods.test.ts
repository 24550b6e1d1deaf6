// Conformance: each template's expected output is what Jinja2 renders (Python's str/list/dict methods).
import { describe, expect, it } from 'vitest';
import { render } from './render-helper.js';

describe('Python methods on values', () => {
  it.each([
    ['dict .items() .keys() .values()', "{% set d = {'a': 1, 'b': 2} %}{{ d.keys() | list }} {{ d.values() | list }} {% for k, v in d.items() %}{{ k }}{{ v }}{% endfor %}", "['a', 'b'] [1, 2] a1b2"],
    ['dict .get(k, default)', "{% set d = {'a': 1} %}{{ d.get('a') }} {{ d.get('z', 'dflt') }} {{ d.get('z') }}", '1 dflt None'],
    ['dict .update() .pop() .setdefault()', "{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{{ d.pop('a') }} {{ d.setdefault('c', 3) }} {{ d }}", "1 3 {'b': 2, 'c': 3}"],
    ['list .append() .extend() .pop()', '{% set l = [1] %}{% do l.append(2) %}{% do l.extend([3, 4]) %}{{ l.pop() }} {{ l.pop(0) }} {{ l }}', '4 1 [2, 3]'],
    ['list .index() .count() .insert() .remove()', '{% set l = [1, 2, 2] %}{{ l.index(2) }} {{ l.count(2) }}{% do l.insert(0, 9) %}{% do l.remove(2) %} {{ l }}', '1 2 [9, 1, 2]'],
    ['.upper() .lower() .title() .capitalize()', "{{ 'Ab'.upper() }} {{ 'Ab'.lower() }} {{ 'hello big_world'.title() }} {{ 'hELLO'.capitalize() }}", 'AB ab Hello Big_World Hello'],
    ['.strip() .lstrip() .rstrip()', "[{{ '  x  '.strip() }}][{{ '  x '.lstrip() }}][{{ ' x  '.rstrip() }}][{{ 'xxaxx'.strip('x') }}]", '[x][x ][ x][a]'],
    ['.startswith() .endswith()', "{{ 'stg_orders'.startswith('stg_') }} {{ 'a.sql'.endswith(('.sql', '.py')) }} {{ 'a'.endswith('b') }}", 'True True False'],
    ['.split()', "{{ 'a,b,c'.split(',') }} {{ ' a  b '.split() }} {{ 'a,b,c'.split(',', 1) }}", "['a', 'b', 'c'] ['a', 'b'] ['a', 'b,c']"],
    ['.replace() replaces every match', "{{ 'a.b.c'.replace('.', '_') }} {{ 'aaa'.replace('a', 'b', 2) }}", 'a_b_c bba'],
    ['.format() positional, numbered and named', "{{ '{}-{}'.format(1, 2) }} {{ '{1}{0}'.format('a', 'b') }} {{ '{x} {y}'.format(x=1, y='z') }}", '1-2 ba 1 z'],
    ['.format() with specs', "{{ '{:.2f}|{:>4}|{:<3}|{:05d}|{:,}'.format(3.14159, 'a', 'b', 42, 1234567) }}", '3.14|   a|b  |00042|1,234,567'],
    ['.join()', "{{ ', '.join(['a', 'b']) }} {{ '-'.join(['x']) }}", 'a, b x'],
    ['string indexing and other methods', "{{ 'abc'[-1] }} {{ 'abc'.find('c') }} {{ '42'.isdigit() }} {{ '7'.zfill(3) }}", 'c 2 True 007'],
  ])('%s', (_name, source, expected) => {
    expect(render(source)).toBe(expected);
  });
});
