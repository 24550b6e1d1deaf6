import { describe, expect, it } from 'vitest';
import { applyWhere } from '../../../src/data-tests/apply-where.js';
import { evaluateTest } from '../../../src/data-tests/evaluate-test.js';
import { parseThreshold } from '../../../src/data-tests/threshold.js';
import { wrapTestSql } from '../../../src/data-tests/wrap-test-sql.js';
import { ConfigError } from '../../../src/errors/plan-error.js';

describe('parseThreshold', () => {
  it.each([
    ['>10', 10, false, true],
    ['!=0', 0, false, true],
    ['>=5', 5, true, true],
    ['<3', 2, true, false],
    ['=0', 0, true, false],
    [' <> 2 ', 2, false, true],
  ])('%s', (text, at, expectedAt, expectedAbove) => {
    const t = parseThreshold(text);
    expect(t.test(at)).toBe(expectedAt);
    expect(t.test(at + 100)).toBe(expectedAbove);
  });

  it('rejects anything else with a ConfigError naming the key and the accepted shapes', () => {
    for (const bad of ['10', '> ten', '>10; drop table x', '']) {
      expect(() => parseThreshold(bad, 'warn_if')).toThrow(ConfigError);
    }
    expect(() => parseThreshold('x', 'warn_if')).toThrow(/Invalid warn_if 'x': expected a comparison with a number, like '!=0', '>10'/);
  });
});

describe('evaluateTest', () => {
  it('follows dbt: error_if fails under severity error, then warn_if warns, else pass', () => {
    expect(evaluateTest({ failures: 0 }).status).toBe('pass');
    expect(evaluateTest({ failures: 3 })).toEqual({ status: 'fail', failures: 3, message: 'Got 3 results, configured to fail if !=0' });
    expect(evaluateTest({ failures: 1 }, { severity: 'warn' })).toEqual({ status: 'warn', failures: 1, message: 'Got 1 result, configured to warn if !=0' });
    expect(evaluateTest({ failures: 5 }, { error_if: '>10' }).status).toBe('warn');
    expect(evaluateTest({ failures: 11 }, { error_if: '>10' }).status).toBe('fail');
    expect(evaluateTest({ failures: 5 }, { error_if: '>10', warn_if: '>10' }).status).toBe('pass');
    expect(evaluateTest({ failures: 11 }, { severity: 'warn', error_if: '>10' }).status).toBe('warn');
    expect(evaluateTest({ failures: 1 }, { severity: 'warn' }, true).status).toBe('fail');
  });

  it('trusts the counts computed by the database when present', () => {
    expect(evaluateTest({ failures: 2, should_warn: false, should_error: false }).status).toBe('pass');
  });
});

describe('wrapTestSql and applyWhere', () => {
  it('wraps the test SQL as dbt get_test_sql, with limit and custom thresholds', () => {
    const { countSql, failuresSql } = wrapTestSql('select * from t where x is null;', { warn_if: '>1', error_if: '>= 10', limit: 3 });
    expect(countSql).toBe(
      'select\n  count(*) as failures,\n  count(*) > 1 as should_warn,\n  count(*) >= 10 as should_error\nfrom (\nselect * from t where x is null\nlimit 3\n) dbt_internal_test',
    );
    expect(failuresSql).toBe('select * from (\nselect * from t where x is null\n) dbt_internal_test\nlimit 3');
  });

  it('filters the model with where, as dbt_subquery', () => {
    expect(applyWhere('"db"."main"."t"', "status = 'x'")).toBe(`(select * from "db"."main"."t" where status = 'x') dbt_subquery`);
    expect(applyWhere('"t"', undefined)).toBe('"t"');
    expect(applyWhere('"t"', '  ')).toBe('"t"');
  });
});
