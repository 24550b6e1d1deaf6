import type { EngineConnection, Row } from '../engine/types.js';
import type { TestNode } from '../manifest/types.js';
import { quoteIdent } from '../manifest/types.js';
import { evaluateTest, type TestStatus } from './evaluate-test.js';
import { stripTrailingSemicolon, wrapTestSql } from './wrap-test-sql.js';

export interface TestResult {
  readonly uniqueId: string;
  readonly name: string;
  readonly status: TestStatus;
  readonly failures: number;
  readonly message: string;
  /** Column names of the failing rows, in order. */
  readonly previewColumns: readonly string[];
  /** The first failing rows (default 5). */
  readonly preview: readonly Row[];
  /** `"db"."schema"."table"` holding every failing row, when store_failures is on. */
  readonly storedIn?: string;
  readonly durationMs: number;
}

export interface RunDataTestOptions {
  /** The target's schema; failures are stored in `<targetSchema>_dbt_test__audit` as dbt does. */
  readonly targetSchema: string;
  /** Catalog to store failures in; DuckDB's default catalog when omitted. */
  readonly database?: string;
  /** Overrides the audit schema (dbt's `schema` config on tests). */
  readonly auditSchema?: string;
  readonly previewLimit?: number;
  /** dbt's --warn-error: warnings fail. */
  readonly warnError?: boolean;
  /** Store failures even if the test's config does not ask for it (dbt's --store-failures). */
  readonly storeFailures?: boolean;
}

export function auditSchemaName(targetSchema: string, custom?: string): string {
  return custom ?? `${targetSchema}_dbt_test__audit`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one data test (generic or singular) whose SQL is already compiled, with `where`
 * applied. Never throws for a failing or broken test: the outcome is the result's status
 * ('error' with DuckDB's message when the SQL does not run, or when a threshold is invalid).
 */
export async function runDataTest(
  conn: EngineConnection,
  test: { readonly node: TestNode; readonly compiledSql: string },
  options: RunDataTestOptions,
): Promise<TestResult> {
  const started = Date.now();
  const { node } = test;
  const config = node.config;
  type Outcome = Pick<TestResult, 'status' | 'failures' | 'message'> & Partial<Pick<TestResult, 'preview' | 'previewColumns' | 'storedIn'>>;
  const done = (r: Outcome): TestResult => ({
    uniqueId: node.uniqueId,
    name: node.name,
    previewColumns: [],
    preview: [],
    ...r,
    durationMs: Date.now() - started,
  });

  try {
    const wrapConfig = { warn_if: config.warn_if, error_if: config.error_if, limit: config.limit, fail_calc: config.fail_calc as string | undefined };
    let sourceSql = stripTrailingSemicolon(test.compiledSql);
    let storedIn: string | undefined;

    if (config.store_failures ?? options.storeFailures) {
      const schema = auditSchemaName(options.targetSchema, typeof config.schema === 'string' && config.schema ? `${options.targetSchema}_${config.schema}` : options.auditSchema);
      const identifier = typeof config.alias === 'string' && config.alias ? config.alias : node.name;
      const database = options.database ?? String((await conn.query('select current_database() as db')).rows[0]?.db ?? 'memory');
      const schemaSql = `${quoteIdent(database)}.${quoteIdent(schema)}`;
      storedIn = `${schemaSql}.${quoteIdent(identifier)}`;
      const asView = config.store_failures_as === 'view';
      await conn.run(`create schema if not exists ${schemaSql}`);
      // A relation of the other kind under the same name would make CREATE OR REPLACE fail.
      const existing = await conn.relationKind(database, schema, identifier);
      if (existing && existing !== (asView ? 'view' : 'table')) await conn.run(`drop ${existing} ${storedIn}`);
      await conn.run(`create or replace ${asView ? 'view' : 'table'} ${storedIn} as (\n${sourceSql}\n)`);
      sourceSql = `select * from ${storedIn}`;
    }

    const wrapped = wrapTestSql(sourceSql, wrapConfig, options.previewLimit ?? 5);
    const counts = (await conn.query(wrapped.countSql)).rows[0] ?? {};
    const evaluation = evaluateTest(
      { failures: Number(counts.failures ?? 0), should_warn: counts.should_warn as boolean | undefined, should_error: counts.should_error as boolean | undefined },
      { severity: config.severity, warn_if: config.warn_if, error_if: config.error_if },
      options.warnError,
    );
    let preview: readonly Row[] = [];
    let previewColumns: readonly string[] = [];
    if (evaluation.failures > 0 && evaluation.status !== 'pass') {
      const rows = await conn.query(wrapped.failuresSql);
      preview = rows.rows;
      previewColumns = rows.columns.map((c) => c.name);
    }
    return done({ ...evaluation, preview, previewColumns, storedIn });
  } catch (error) {
    return done({ status: 'error', failures: 0, message: errorMessage(error) });
  }
}
