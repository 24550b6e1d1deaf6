import { describe, expect, it } from 'vitest';
import { RenderError } from '../../../../src/errors/plan-error.js';
import { createJinjaEnvironment, parseDocBlocks, splitArgs } from '../../../../src/render/jinja/index.js';

describe('createJinjaEnvironment', () => {
  it('compiles once and renders many times with different contexts', () => {
    const env = createJinjaEnvironment();
    const template = env.compile('select {{ col }} from t', 'models/m.sql');
    expect(template.file).toBe('models/m.sql');
    expect(env.render(template, { col: 'a' })).toBe('select a from t');
    expect(env.render(template, { col: 'b' })).toBe('select b from t');
  });

  it('does not HTML-escape', () => {
    expect(createJinjaEnvironment().renderString('{{ s }}', { s: `a < b & "c" 'd'` }, 'm.sql')).toBe(`a < b & "c" 'd'`);
  });

  it('passes keyword arguments to JS globals as a trailing __keywords object', () => {
    const env = createJinjaEnvironment();
    env.addGlobal('f', (...args: unknown[]) => JSON.stringify(splitArgs(args)));
    expect(env.renderString("{{ f(1, 'a', k=2) }}", {}, 'm.sql')).toBe('{"positional":[1,"a"],"kwargs":{"k":2}}');
  });

  it('context variables shadow globals; addGlobal replaces a dynamic global', () => {
    const env = createJinjaEnvironment();
    env.addDynamicGlobal('g', () => 'dynamic');
    expect(env.renderString('{{ g }}', { g: 'ctx' }, 'm.sql')).toBe('ctx');
    env.addGlobal('g', 'static');
    expect(env.renderString('{{ g }}', {}, 'm.sql')).toBe('static');
  });

  it('addFilter adds a filter', () => {
    const env = createJinjaEnvironment();
    env.addFilter('shout', (s: string) => `${s}!`);
    expect(env.renderString('{{ "hi" | shout }}', {}, 'm.sql')).toBe('hi!');
  });

  it('return() outside a macro is a RenderError', () => {
    expect(() => createJinjaEnvironment().renderString('{{ return(1) }}', {}, 'm.sql')).toThrow(RenderError);
  });

  it('compiles 10,000 small templates quickly', () => {
    const env = createJinjaEnvironment();
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) {
      env.compile(`select {{ ref('m${i}') }} as c, '%s' % x from t where a = {{ i }} -- ${i}`, `models/m${i}.sql`);
    }
    const perTemplate = (performance.now() - started) / 10_000;
    expect(perTemplate).toBeLessThan(1);
  });
});

describe('splitArgs', () => {
  it('separates keyword arguments', () => {
    expect(splitArgs([1, { a: 2, __keywords: true }])).toEqual({ positional: [1], kwargs: { a: 2 } });
    expect(splitArgs([1, { a: 2 }])).toEqual({ positional: [1, { a: 2 }], kwargs: {} });
    expect(splitArgs([])).toEqual({ positional: [], kwargs: {} });
  });
});

describe('parseDocBlocks', () => {
  it('finds every docs block with its 1-based line and stripped contents', () => {
    const md = ['# title', '{% docs orders %}', 'Orders placed.', '{% enddocs %}', '', '{%- docs customers -%}  One row per customer. {%- enddocs %}'].join('\n');
    expect(parseDocBlocks(md, 'models/docs.md')).toEqual([
      { name: 'orders', contents: 'Orders placed.', line: 2 },
      { name: 'customers', contents: 'One row per customer.', line: 6 },
    ]);
  });

  it('reports an unclosed block with its line', () => {
    expect(() => parseDocBlocks('x\n{% docs a %}\ntext', 'models/d.md')).toThrow(
      expect.objectContaining({ code: 'render.syntax', file: 'models/d.md', line: 2 }),
    );
  });
});
