import { describe, expect, it } from 'vitest';
import { render } from './render-helper.js';

describe('string literals take Python escapes', () => {
  it('keeps the backslash of an unknown escape, as Python does (regular expressions)', () => {
    expect(render("{{ '\\d+\\.\\w' }}")).toBe('\\d+\\.\\w');
  });

  it('decodes the known ones', () => {
    expect(render("{{ 'a\\nb\\tc' }}|{{ 'it\\'s' }}|{{ \"q\\\"\" }}|{{ '\\\\' }}|{{ '\\x41\\u00e9' }}")).toBe("a\nb\tc|it's|q\"|\\|Aé");
  });
});
