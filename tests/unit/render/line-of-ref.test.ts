import { describe, expect, it } from 'vitest';
import { escapeRegExp, lineOfCall, lineOfRef } from '../../../src/render/render-state.js';

const byRegExp = (code: string, name: string): number | undefined => lineOfCall(code, new RegExp(`ref\\([^)]*['"]${escapeRegExp(name)}['"]`));

describe('lineOfRef', () => {
  it.each([
    ['select 1', 'a'],
    ["select *\nfrom {{ ref('a') }}", 'a'],
    ["{{ ref('ab') }}\n{{ ref(\"a\") }}", 'a'],
    ["{{ ref('pkg', 'a') }}", 'a'],
    ["{{ ref('x') }} 'a'\n\n{{ ref( 'a' ) }}", 'a'],
    ["{{ xref('a') }}", 'a'],
    ["{{ ref('a.b') }}\n{{ ref('aXb') }}", 'a.b'],
    ["{{ ref('a'", 'a'],
    ["{{ source('s', 'a') }}", 'a'],
  ])('matches the RegExp search in %j', (code, name) => {
    expect(lineOfRef(code, name)).toBe(byRegExp(code, name));
  });

  it('gives the 1-based line of the call', () => {
    expect(lineOfRef("a\nb\n  {{ ref('m') }}", 'm')).toBe(3);
  });
});
