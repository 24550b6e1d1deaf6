import { parseThreshold } from './threshold.js';

export type TestStatus = 'pass' | 'warn' | 'fail' | 'error';

export interface TestCounts {
  readonly failures: number;
  /** From the count query; computed from `warn_if` when absent. */
  readonly should_warn?: boolean;
  readonly should_error?: boolean;
}

export interface TestEvalConfig {
  readonly severity?: string;
  readonly warn_if?: string;
  readonly error_if?: string;
}

export interface TestEvaluation {
  readonly status: TestStatus;
  readonly failures: number;
  readonly message: string;
}

function results(n: number): string {
  return `${n} result${n === 1 ? '' : 's'}`;
}

/**
 * dbt's verdict for a test: with severity error, `error_if` failing means fail; otherwise
 * `warn_if` failing means warn; else pass. `warnError` (dbt's --warn-error) turns warn into fail.
 */
export function evaluateTest(counts: TestCounts, config: TestEvalConfig = {}, warnError = false): TestEvaluation {
  const severity = (config.severity ?? 'error').toLowerCase();
  const warnIf = config.warn_if ?? '!=0';
  const errorIf = config.error_if ?? '!=0';
  const failures = Number(counts.failures ?? 0);
  const shouldError = counts.should_error ?? parseThreshold(errorIf, 'error_if').test(failures);
  const shouldWarn = counts.should_warn ?? parseThreshold(warnIf, 'warn_if').test(failures);
  if (severity === 'error' && shouldError) {
    return { status: 'fail', failures, message: `Got ${results(failures)}, configured to fail if ${errorIf}` };
  }
  if (shouldWarn) {
    return warnError
      ? { status: 'fail', failures, message: `Got ${results(failures)}, configured to fail if ${warnIf} (warnings are errors)` }
      : { status: 'warn', failures, message: `Got ${results(failures)}, configured to warn if ${warnIf}` };
  }
  return { status: 'pass', failures, message: failures === 0 ? 'no failing rows' : `Got ${results(failures)}, within thresholds` };
}
