import { describe, expect, it } from 'vitest';
import { ConfigError, GraphError, RenderError } from '../../../../src/errors/plan-error.js';
import { createJinjaEnvironment } from '../../../../src/render/jinja/index.js';
import { renderError } from './render-helper.js';

describe('syntax errors', () => {
  it.each([
    ['an unknown tag', 'select 1\n{% frobnicate %}', 2, /unknown block tag: frobnicate/],
    ['an unclosed if', 'a\nb\n{% if x %}\nc', 4, /end of (file|template)/],
    ['a missing }}', 'select\n  {{ x ', 2, /expected variable end|end of template/],
    ['a bad expression on line 1', '{{ 1 + }}', 1, /unexpected token/],
    ['an unclosed comment', 'x\n{# never closed', 2, /comment/],
  ])('%s: RenderError render.syntax with the 1-based line', (_name, source, line, message) => {
    const error = renderError(source);
    expect(error).toBeInstanceOf(RenderError);
    expect(error).toMatchObject({ code: 'render.syntax', file: 'models/m.sql', line });
    expect(typeof error.col).toBe('number');
    expect(error.message).toMatch(message);
  });
});

describe('runtime errors', () => {
  it('calling an undefined function names it, on line 1 too', () => {
    const error = renderError('{{ my_macro() }}');
    expect(error).toBeInstanceOf(RenderError);
    expect(error).toMatchObject({ code: 'render.runtime', file: 'models/m.sql', line: 1 });
    expect(error.message).toContain("'my_macro' is undefined");
  });

  it('reports the 1-based line of a runtime error further down', () => {
    expect(renderError('select\n  1,\n  {{ nope(1) }}')).toMatchObject({ line: 3 });
  });

  it('filter not found names the filter and the line', () => {
    const error = renderError('a\n\n{{ x | no_such_filter }}');
    expect(error).toMatchObject({ code: 'render.runtime', line: 3 });
    expect(error.message).toContain("'no_such_filter'");
  });

  it('an error inside a statement reports that statement\'s line', () => {
    expect(renderError('{% set l = [] %}\n{% do l.pop() %}')).toMatchObject({ line: 2 });
    expect(renderError("a\n{% if 'x' % 1 %}{% endif %}")).toMatchObject({ line: 2 });
  });

  it('a PlanError thrown by a global keeps its class and code and gains file and line', () => {
    const env = createJinjaEnvironment();
    env.addGlobal('ref', (name: string) => {
      throw new GraphError('graph.unknown_ref', `unknown ref '${name}'`);
    });
    let caught: unknown;
    try {
      env.renderString("select *\nfrom {{ ref('missing') }}", {}, 'models/m.sql');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GraphError);
    expect(caught).toMatchObject({ code: 'graph.unknown_ref', message: "unknown ref 'missing'", file: 'models/m.sql', line: 2 });
  });

  it('a PlanError that already has a file keeps it', () => {
    const env = createJinjaEnvironment();
    env.addGlobal('boom', () => {
      throw new ConfigError('config.bad', 'bad', { file: 'dbt_project.yml', line: 7 });
    });
    expect(() => env.renderString('{{ boom() }}', {}, 'models/m.sql')).toThrow(expect.objectContaining({ file: 'dbt_project.yml', line: 7 }));
  });

  it('an error inside a registered macro points at the macro file and line', () => {
    const env = createJinjaEnvironment();
    env.registerMacroFile('{% macro ok() %}1{% endmacro %}\n{% macro broken() %}\n  {{ undefined_fn() }}\n{% endmacro %}', 'macros/m.sql');
    const error = (() => {
      try {
        env.renderString('a\n{{ broken() }}', {}, 'models/m.sql');
      } catch (e) {
        return e as RenderError;
      }
      throw new Error('expected an error');
    })();
    expect(error).toMatchObject({ file: 'macros/m.sql', line: 3 });
    expect(() => env.callMacro('broken', [])).toThrow(expect.objectContaining({ file: 'macros/m.sql', line: 3 }));
  });

  it('registerMacroFile reports syntax errors with the file and line', () => {
    const env = createJinjaEnvironment();
    expect(() => env.registerMacroFile('{% macro a() %}\n{{ 1 + }}\n{% endmacro %}', 'macros/x.sql')).toThrow(
      expect.objectContaining({ code: 'render.syntax', file: 'macros/x.sql', line: 2 }),
    );
  });

  it('callMacro of an unknown macro is a RenderError', () => {
    expect(() => createJinjaEnvironment().callMacro('nope', [])).toThrow(RenderError);
  });
});
