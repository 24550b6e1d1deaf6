import { describe, expect, it } from 'vitest';
import { formatTestResult } from '../../../src/data-tests/format-test-result.js';

describe('formatTestResult', () => {
  it('prints the verdict, the first failing rows and the audit table', () => {
    const text = formatTestResult({
      uniqueId: 'test.p.unique_orders_id', name: 'unique_orders_id', status: 'fail', failures: 7,
      message: 'Got 7 results, configured to fail if !=0', previewColumns: ['unique_field', 'n_records'],
      preview: [{ unique_field: 2, n_records: 3 }, { unique_field: null, n_records: 12 }],
      storedIn: '"db"."main_dbt_test__audit"."unique_orders_id"', durationMs: 3,
    });
    expect(text).toBe(
      [
        'FAIL unique_orders_id: Got 7 results, configured to fail if !=0',
        'failing rows (first 2 of 7):',
        '  | unique_field | n_records |',
        '  |--------------|-----------|',
        '  | 2            | 3         |',
        '  | null         | 12        |',
        'all failing rows: select * from "db"."main_dbt_test__audit"."unique_orders_id"',
      ].join('\n'),
    );
  });

  it('is one line for a pass', () => {
    expect(formatTestResult({ uniqueId: 'x', name: 'x', status: 'pass', failures: 0, message: 'no failing rows', previewColumns: [], preview: [], durationMs: 1 })).toBe('PASS x: no failing rows');
  });
});
