import type { EngineConnection } from '../engine/types.js';
import type { TestNode } from '../manifest/types.js';
import { applyWhere } from './apply-where.js';
import { evaluateTest } from './evaluate-test.js';
import { runDataTest, type RunDataTestOptions, type TestResult } from './run-data-test.js';
import { parseThreshold } from './threshold.js';
import { wrapTestSql } from './wrap-test-sql.js';

const GROUPABLE = new Set(['unique', 'not_null', 'accepted_values']);

export interface ColumnTest {
  readonly node: TestNode;
  /** The test compiled as usual; used for the failing-rows preview and as the fallback. */
  readonly compiledSql: string;
}

/**
 * Whether a test can share one scan: a built-in unique/not_null/accepted_values on a column,
 * without store_failures, limit or fail_calc. The caller must also know the built-in test
 * macro was not overridden by the project.
 */
export function canRunInOneScan(node: TestNode): boolean {
  const meta = node.testMetadata;
  const column = node.columnName ?? (meta?.kwargs.column_name as string | undefined);
  return (
    node.testType === 'generic' &&
    meta !== undefined &&
    GROUPABLE.has(meta.name) &&
    (meta.namespace === undefined || meta.namespace === 'dbt') &&
    typeof column === 'string' &&
    !node.config.store_failures &&
    node.config.limit === undefined &&
    node.config.fail_calc === undefined &&
    (meta.name !== 'accepted_values' || Array.isArray(meta.kwargs.values))
  );
}

function thresholdsValid(node: TestNode): boolean {
  try {
    parseThreshold(node.config.warn_if ?? '!=0');
    parseThreshold(node.config.error_if ?? '!=0');
    return true;
  } catch {
    return false;
  }
}

function valueList(values: readonly unknown[], quote: boolean): string {
  return values.map((v) => (quote ? `'${String(v).replaceAll("'", "''")}'` : String(v))).join(', ');
}

/** The failure count of one test as a scalar subquery over the shared `base` CTE; same numbers as the built-in test SQL. */
function countExpression(node: TestNode): string {
  const meta = node.testMetadata!;
  const column = (node.columnName ?? meta.kwargs.column_name) as string;
  switch (meta.name) {
    case 'unique':
      return `(select count(*) from (select ${column} from base where ${column} is not null group by ${column} having count(*) > 1))`;
    case 'not_null':
      return `(select count(*) from base where ${column} is null)`;
    default: {
      const quote = meta.kwargs.quote === undefined ? true : Boolean(meta.kwargs.quote);
      return `(select count(*) from (select ${column} as value_field from base group by ${column}) where value_field not in (${valueList(meta.kwargs.values as unknown[], quote)}))`;
    }
  }
}

/**
 * Runs several column tests of one model reading the model once per distinct `where` (a
 * materialized CTE of the tested columns), then fetches previews only for tests that did not
 * pass. Results equal running each test alone; tests that cannot be grouped, or a group whose
 * query fails, fall back to runDataTest one by one.
 */
export async function runColumnTestsInOneScan(
  conn: EngineConnection,
  relationSql: string,
  tests: readonly ColumnTest[],
  options: RunDataTestOptions,
): Promise<TestResult[]> {
  const results = new Map<string, TestResult>();
  const groups = new Map<string, ColumnTest[]>();
  for (const test of tests) {
    if (!canRunInOneScan(test.node) || !thresholdsValid(test.node)) continue;
    const key = test.node.config.where ?? '';
    groups.set(key, [...(groups.get(key) ?? []), test]);
  }

  for (const [where, group] of groups) {
    if (group.length < 2) continue;
    const started = Date.now();
    try {
      const columns = [...new Set(group.map((t) => (t.node.columnName ?? t.node.testMetadata!.kwargs.column_name) as string))];
      const sql = [
        `with base as materialized (select ${columns.join(', ')} from ${applyWhere(relationSql, where)})`,
        `select ${group.map((t, i) => `${countExpression(t.node)} as t${i}`).join(',\n  ')}`,
      ].join('\n');
      const row = (await conn.query(sql)).rows[0] ?? {};
      for (const [i, test] of group.entries()) {
        const { config } = test.node;
        const evaluation = evaluateTest({ failures: Number(row[`t${i}`] ?? 0) }, config, options.warnError);
        let preview: TestResult['preview'] = [];
        let previewColumns: readonly string[] = [];
        if (evaluation.status !== 'pass' && evaluation.failures > 0) {
          const rows = await conn.query(wrapTestSql(test.compiledSql, { warn_if: config.warn_if, error_if: config.error_if }, options.previewLimit ?? 5).failuresSql);
          preview = rows.rows;
          previewColumns = rows.columns.map((c) => c.name);
        }
        results.set(test.node.uniqueId, {
          uniqueId: test.node.uniqueId,
          name: test.node.name,
          ...evaluation,
          preview,
          previewColumns,
          durationMs: Date.now() - started,
        });
      }
    } catch {
      // A column expression the shared query cannot take: run these alone.
      for (const test of group) results.delete(test.node.uniqueId);
    }
  }

  const out: TestResult[] = [];
  for (const test of tests) out.push(results.get(test.node.uniqueId) ?? (await runDataTest(conn, test, options)));
  return out;
}
