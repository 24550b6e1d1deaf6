import { describe, expect, it } from 'vitest';
import { render } from './render-helper.js';

describe('Python slices', () => {
  it.each([
    ["{{ 'abcdef'[2:] }}", 'cdef'],
    ["{{ 'abcdef'[:2] }}|{{ 'abcdef'[-2:] }}|{{ 'abcdef'[1:-1] }}", 'ab|ef|bcde'],
    ["{{ 'abcdef'[::2] }}|{{ 'abc'[::-1] }}", 'ace|cba'],
    ["{% set p = 'ab' %}{{ 'abcdef'[(p | length):] }}", 'cdef'],
    ['{{ [1, 2, 3, 4][1:3] }}|{{ [1, 2, 3][10:] }}', '[2, 3]|[]'],
    ["{{ [1, 2, 3][0] }}|{{ {'a': 1}['a'] }}|{{ [[1, 2]][0][1:] }}", '1|1|[2]'],
    ["{% set obj = {'name': 'abcd'} %}{{ obj.name[1:] }}|{{ obj.name.upper()[:2] }}", 'bcd|AB'],
  ])('%s', (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('a zero step is an error', () => {
    expect(() => render('{{ [1][::0] }}')).toThrow(/slice step cannot be zero/);
  });
});
