import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean, editDistance } from '../../../src/config/closest-name.js';

describe('closestNames', () => {
  it('measures edits, counting a swap as one', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('materailized', 'materialized')).toBe(1);
  });
  it('finds close names best first, at most max', () => {
    expect(closestNames('modle-paths', ['model-paths', 'macro-paths', 'seed-paths'])).toEqual(['model-paths']);
    expect(closestNames('stg_order', ['stg_orders', 'stg_orderz', 'stg_customers', 'orders'], 1)).toEqual(['stg_orders']);
  });
  it('returns nothing when no candidate is close', () => {
    expect(closestNames('zzz', ['materialized', 'tags'])).toEqual([]);
  });
  it('is case-insensitive', () => {
    expect(closestNames('Materialized', ['materialized'])).toEqual(['materialized']);
  });
  it('formats a hint', () => {
    expect(didYouMean('tagz', ['tags', 'meta'])).toBe(" (did you mean 'tags'?)");
    expect(didYouMean('qqqqqq', ['tags'])).toBe('');
  });
});
