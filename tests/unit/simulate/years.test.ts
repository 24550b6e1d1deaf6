import { describe, expect, it } from 'vitest';
import { DiagnosticsError } from '../../../src/errors/plan-error.js';
import { checkYearOrder, parseYears, yearsFromVars } from '../../../src/simulate/years.js';

/** The message of the diagnostic checkYearOrder throws, or undefined when the order is fine. */
function refusal(years: number[], completed: number[], startYear = 2025): string | undefined {
  try {
    checkYearOrder(years, startYear, completed, 'baseline');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DiagnosticsError);
    const d = (error as DiagnosticsError).diagnostics[0]!;
    return `${d.code}: ${d.message} | ${d.hint}`;
  }
}

describe('parseYears', () => {
  it('reads a range, one year and a list', () => {
    expect(parseYears('2025-2027')).toEqual([2025, 2026, 2027]);
    expect(parseYears(' 2026 ')).toEqual([2026]);
    expect(parseYears('2027,2025,2025')).toEqual([2025, 2027]);
  });

  it('refuses junk and backwards ranges with a hint', () => {
    expect(() => parseYears('20x')).toThrow("--years '20x' is not a year range");
    expect(() => parseYears('2027-2025')).toThrow('the end year comes before the start year');
  });

  it('falls back to start_year / end_year', () => {
    expect(yearsFromVars({ start_year: 2025, end_year: 2026 })).toEqual([2025, 2026]);
    expect(() => yearsFromVars({})).toThrow('no --years given');
  });
});

describe('checkYearOrder', () => {
  it('accepts the first year, a continuation, and years after completed ones', () => {
    expect(refusal([2025, 2026, 2027], [])).toBeUndefined();
    expect(refusal([2027, 2028], [2025, 2026])).toBeUndefined();
    expect(refusal([2026], [2025, 2026, 2027])).toBeUndefined();
  });

  it('refuses a year whose predecessor is missing, also inside a list', () => {
    expect(refusal([2026, 2027], [])).toMatch(/^simulate\.missing_year: year 2026 needs year 2025 of scenario 'baseline'.*--years 2025-2027/);
    expect(refusal([2025, 2027], [])).toMatch(/year 2027 needs year 2026/);
    expect(refusal([2029], [2025, 2026, 2027])).toMatch(/years complete for 'baseline': 2025, 2026, 2027; simulate --years 2028-2029 or use --resume/);
  });

  it('refuses years before start_year', () => {
    expect(refusal([2024, 2025], [])).toMatch(/^simulate\.before_start: year 2024 comes before start_year 2025.*--vars start_year=2024/);
  });
});
