import { stripTrailingSemicolons } from '../engine/sql-text.js';
import { parseThreshold } from './threshold.js';

export interface TestSqlConfig {
  readonly warn_if?: string;
  readonly error_if?: string;
  /** At most this many failing rows are counted (dbt's `limit`). */
  readonly limit?: number;
  /** Aggregate computing the failure count; dbt's default is `count(*)`. */
  readonly fail_calc?: string;
}

export interface WrappedTestSql {
  /** One row: failures, should_warn, should_error. */
  readonly countSql: string;
  /** The first failing rows, for the preview. */
  readonly failuresSql: string;
}

/** Removes trailing `;` (also before a trailing comment) so the SQL can sit inside parentheses on its own lines. */
export function stripTrailingSemicolon(sql: string): string {
  return stripTrailingSemicolons(sql).trimEnd();
}

/** dbt's `get_test_sql`: counts the test's failing rows and compares the count with the thresholds. */
export function wrapTestSql(testSql: string, config: TestSqlConfig = {}, previewLimit = 5): WrappedTestSql {
  const warnIf = parseThreshold(config.warn_if ?? '!=0', 'warn_if');
  const errorIf = parseThreshold(config.error_if ?? '!=0', 'error_if');
  const failCalc = config.fail_calc?.trim() || 'count(*)';
  const body = stripTrailingSemicolon(testSql);
  const limit = config.limit !== undefined && config.limit !== null ? `\nlimit ${Math.max(0, Math.floor(Number(config.limit)))}` : '';
  const previewRows = config.limit !== undefined && config.limit !== null ? Math.min(previewLimit, Number(config.limit)) : previewLimit;
  return {
    countSql: [
      'select',
      `  ${failCalc} as failures,`,
      `  ${failCalc} ${warnIf.sql} as should_warn,`,
      `  ${failCalc} ${errorIf.sql} as should_error`,
      'from (',
      `${body}${limit}`,
      ') dbt_internal_test',
    ].join('\n'),
    failuresSql: `select * from (\n${body}\n) dbt_internal_test\nlimit ${Math.max(0, previewRows)}`,
  };
}
