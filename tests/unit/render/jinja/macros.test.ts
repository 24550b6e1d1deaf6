// Conformance: each template's expected output is what Jinja2 renders (dbt semantics for return()).
import { describe, expect, it } from 'vitest';
import { createJinjaEnvironment } from '../../../../src/render/jinja/index.js';
import { render } from './render-helper.js';

describe('macros in one template', () => {
  it.each([
    ['default arguments', '{% macro m(a, b=2) %}{{ a }}-{{ b }}{% endmacro %}{{ m(1) }} {{ m(1, 3) }}', '1-2 1-3'],
    ['keyword arguments', '{% macro m(a, b=2, c=3) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(c=9, a=1) }}', '129'],
    ['default referring to an earlier argument', '{% macro m(a, b=a) %}{{ b }}{% endmacro %}{{ m(4) }}', '4'],
    ['recursion', '{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(3) }}', '321'],
    ['caller() with {% call %}', '{% macro wrap() %}<{{ caller() }}>{% endmacro %}{% call wrap() %}inner{% endcall %}', '<inner>'],
    ['caller() with arguments', '{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(x) each([1, 2]) %}[{{ x }}]{% endcall %}', '[1][2]'],
    ['varargs', '{% macro m(a) %}{{ a }}{{ varargs }}{% endmacro %}{{ m(1, 2, 3) }}', '1[2, 3]'],
    ['kwargs', '{% macro m(a) %}{{ kwargs }}{% endmacro %}{{ m(1, extra=2) }}', "{'extra': 2}"],
    ['return() hands back a list', "{% macro cols() %}{{ return(['a', 'b']) }}{% endmacro %}{% set cs = cols() %}{% for c in cs %}{{ c }};{% endfor %}{{ cs | length }}", 'a;b;2'],
    ['return() hands back a dict, number and bool', "{% macro d() %}{% do return({'k': 1}) %}{% endmacro %}{% macro n() %}{{ return(41 + 1) }}{% endmacro %}{% macro b() %}{{ return(false) }}{% endmacro %}{{ d().k }} {{ n() + 1 }} {{ b() is false }}", '1 43 True'],
    ['return() inside a loop ends the macro', '{% macro first_big(xs) %}{% for x in xs %}{% if x > 1 %}{{ return(x) }}{% endif %}{% endfor %}{{ return(none) }}{% endmacro %}{{ first_big([1, 5, 9]) }}', '5'],
    ['a macro without return() gives its text', '{% macro m() %} text {% endmacro %}[{{ m() }}] {{ m() | trim }}', '[ text ] text'],
    ['a macro result has string methods', '{% macro m() %}abc{% endmacro %}{{ m().upper() }}', 'ABC'],
  ])('%s', (_name, source, expected) => {
    expect(render(source)).toBe(expected);
  });
});

describe('macro files', () => {
  const macrosSql = [
    "{% macro cents_to_dollars(col, scale=2) %}round({{ col }} / 100, {{ scale }}){% endmacro %}",
    '{% macro money(col) %}{{ cents_to_dollars(col) }}{% endmacro %}',
    "{% macro get_columns() %}{{ return(['id', 'name']) }}{% endmacro %}",
    '{% macro current_model() %}{{ model_name }}{% endmacro %}',
    '{% test positive(model, column_name) %}select * from {{ model }} where {{ column_name }} < 0{% endtest %}',
  ].join('\n');

  function withMacros() {
    const env = createJinjaEnvironment();
    const defs = env.registerMacroFile(macrosSql, 'macros/util.sql');
    return { env, defs };
  }

  it('lists the macros and tests it defines, with 1-based lines', () => {
    const { defs } = withMacros();
    expect(defs).toEqual([
      { name: 'cents_to_dollars', file: 'macros/util.sql', line: 1, args: ['col', 'scale'], kind: 'macro' },
      { name: 'money', file: 'macros/util.sql', line: 2, args: ['col'], kind: 'macro' },
      { name: 'get_columns', file: 'macros/util.sql', line: 3, args: [], kind: 'macro' },
      { name: 'current_model', file: 'macros/util.sql', line: 4, args: [], kind: 'macro' },
      { name: 'test_positive', file: 'macros/util.sql', line: 5, args: ['model', 'column_name'], kind: 'test' },
    ]);
  });

  it('makes macros callable from any template without import, and macro-to-macro', () => {
    const { env } = withMacros();
    expect(env.renderString("select {{ money('amount') }}", {}, 'models/a.sql')).toBe('select round(amount / 100, 2)');
    expect(env.renderString('{% for c in get_columns() %}{{ c }} {% endfor %}', {}, 'models/b.sql')).toBe('id name ');
  });

  it('lets a macro from one file call a macro registered from another, later file', () => {
    const env = createJinjaEnvironment();
    env.registerMacroFile('{% macro outer() %}[{{ inner() }}]{% endmacro %}', 'macros/a.sql');
    env.registerMacroFile('{% macro inner() %}in{% endmacro %}', 'macros/b.sql');
    expect(env.renderString('{{ outer() }}', {}, 'models/m.sql')).toBe('[in]');
  });

  it('callMacro returns the return() value, or the rendered text', () => {
    const { env } = withMacros();
    expect(env.callMacro('get_columns', [])).toEqual(['id', 'name']);
    expect(env.callMacro('cents_to_dollars', ['x'], { scale: 4 })).toBe('round(x / 100, 4)');
    expect(env.callMacro('test_positive', [], { model: 'm', column_name: 'c' })).toBe('select * from m where c < 0');
    expect(env.hasMacro('money')).toBe(true);
    expect(env.hasMacro('nope')).toBe(false);
  });

  it('getMacro gives a function templates can call (as adapter.dispatch does)', () => {
    const { env } = withMacros();
    const dispatch = (name: string) => env.getMacro(name);
    expect(env.getMacro('nope')).toBeUndefined();
    expect(env.renderString("{{ dispatch('money')('price') }}", { dispatch }, 'models/m.sql')).toBe('round(price / 100, 2)');
  });

  it('dynamic globals are recomputed on each lookup and visible inside macros', () => {
    const { env } = withMacros();
    let current = 'first';
    env.addDynamicGlobal('model_name', () => current);
    const template = env.compile('{{ current_model() }}', 'models/m.sql');
    expect(env.render(template, {})).toBe('first');
    current = 'second';
    expect(env.render(template, {})).toBe('second');
  });

  it('keeps environments independent', () => {
    const { env } = withMacros();
    const other = createJinjaEnvironment();
    other.addGlobal('g', 1);
    expect(other.hasMacro('money')).toBe(false);
    expect(env.renderString('[{{ g }}]', {}, 'models/m.sql')).toBe('[]');
    expect(() => other.renderString("{{ money('x') }}", {}, 'models/m.sql')).toThrow(/'money' is undefined/);
  });
});
