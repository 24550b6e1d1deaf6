import { describe, expect, it } from 'vitest';
import { parseVarsArg } from '../../../src/config/vars-arg.js';
import { ConfigError } from '../../../src/errors/plan-error.js';

describe('parseVarsArg', () => {
  it('reads key=value pairs with YAML-typed values', () => {
    expect(parseVarsArg('year=2025')).toEqual({ year: 2025 });
    expect(parseVarsArg('year=2025,scenario=x,full=true')).toEqual({ year: 2025, scenario: 'x', full: true });
    expect(parseVarsArg('ids=[1,2],d=2025-01-01')).toEqual({ ids: [1, 2], d: '2025-01-01' });
    expect(parseVarsArg('url=http://x/?a=b')).toEqual({ url: 'http://x/?a=b' });
  });
  it('reads YAML and JSON mappings', () => {
    expect(parseVarsArg('{year: 2025}')).toEqual({ year: 2025 });
    expect(parseVarsArg('{"year": 2025, "s": "x"}')).toEqual({ year: 2025, s: 'x' });
    expect(parseVarsArg('year: 2025')).toEqual({ year: 2025 });
    expect(parseVarsArg('')).toEqual({});
  });
  it('rejects anything else, naming the accepted forms', () => {
    for (const bad of ['2025', '{year: [1,', 'just text']) {
      try {
        parseVarsArg(bad);
        expect.unreachable(`accepted ${bad}`);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as ConfigError).hint).toMatch(/year=2025/);
      }
    }
  });
});
