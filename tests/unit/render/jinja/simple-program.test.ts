import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/errors/plan-error.js';
import { createJinjaEnvironment, type JinjaEnvironment } from '../../../../src/render/jinja/index.js';
import { parseSimpleTemplate } from '../../../../src/render/jinja/simple-program.js';

// A trailing comment renders as nothing but sends a template down the full nunjucks path, so
// each simple template is checked against what the full path makes of the same text.
const FULL = '{# full path #}';

function environment(): JinjaEnvironment {
  const env = createJinjaEnvironment();
  env.addGlobal('echo', (...args: unknown[]) => JSON.stringify(args));
  env.addGlobal('nothing', () => null);
  env.addGlobal('fail', () => {
    throw new ConfigError('test.fail', 'fail() was called');
  });
  env.registerMacroFile('{% macro scaled(column, factor) %}({{ column }} * {{ factor }}){% endmacro %}', 'macros/m.sql');
  return env;
}

function outcome(source: string): unknown {
  try {
    return { output: environment().renderString(source, {}, 'models/m.sql') };
  } catch (error) {
    const e = error as Error & Record<string, unknown>;
    return { error: e.constructor.name, code: e.code, message: e.message, file: e.file, line: e.line, col: e.col };
  }
}

describe('simple templates (text and literal calls) skip nunjucks with the same result', () => {
  it.each([
    ['plain SQL', 'select 1 as x\nfrom t -- { not a tag }\n'],
    ['a call per line', "select {{ echo('a.v', 2) }}\nfrom {{ echo('m') }} as a\n  join {{echo( 'b' , 3 )}} b"],
    ['keyword arguments', "{{ echo(materialized='table', unique_key=\"id\") }}\nselect 1"],
    ['positional then keyword', "{{ echo('x', 1, key='v') }}"],
    ['no arguments', '{{ echo() }}'],
    ['a macro', "select {{ scaled('a.v', 2) }} from t"],
    ['None renders as Python does', 'x={{ nothing() }}'],
    ['CRLF lines', "select\r\n  {{ echo('a') }}\r\n"],
    ['an error thrown by a global, line 3', "select\n  1,\n  {{ fail('x') }}"],
    ['an undefined function', "a\n{{ no_such_macro('x') }}"],
  ])('%s', (_name, source) => {
    expect(parseSimpleTemplate(source)).toBeDefined();
    expect(outcome(source)).toEqual(outcome(source + FULL));
  });

  it('reports a global\'s error at the 1-based line of the call', () => {
    expect(outcome("select\n  1,\n  {{ fail('x') }}")).toMatchObject({ error: 'ConfigError', line: 3 });
  });

  it.each([
    ['a block tag', "{% set x = 1 %}{{ echo('a') }}"],
    ['a comment', "{# c #}{{ echo('a') }}"],
    ['a variable', '{{ x }}'],
    ['an identifier argument', '{{ echo(x) }}'],
    ['whitespace control', "{{- echo('a') }}"],
    ['an escaped string', "{{ echo('a\\'b') }}"],
    ['a float', '{{ echo(1.5) }}'],
    ['a negative number', '{{ echo(-1) }}'],
    ['a list', "{{ echo(['a']) }}"],
    ['a filter', "{{ echo('a') | upper }}"],
    ['a method call', "{{ echo('a').upper() }}"],
    ['a positional argument after a keyword one', "{{ echo(a='x', 'y') }}"],
    ['a repeated keyword', "{{ echo(a='x', a='y') }}"],
    ['a reserved word', "{{ not('x') }}"],
    ['an unclosed call', "{{ echo('a' }}"],
  ])('leaves %s to the full path', (_name, source) => {
    expect(parseSimpleTemplate(source)).toBeUndefined();
  });
});
