import type { ColumnSchema, EngineConnection, Row } from '../engine/types.js';
import { stripTrailingSemicolons } from '../engine/sql-text.js';
import { quoteIdent } from '../manifest/types.js';
import type { OnSchemaChange } from '../config/types.js';
import type { UnitTestRows } from '../project/types.js';
import { fixtureRows, fixtureSql, type FixtureContext } from './fixture-sql.js';
import { formatRowDiff, type RowDiffLine } from './format-row-diff.js';
import { incrementalResultSql } from './incremental-result-sql.js';

export interface UnitTestFixture {
  /** Temp table name the rendered model reads instead of the real relation. */
  readonly name: string;
  /** Query producing the fixture rows (from fixtureSql). */
  readonly sql: string;
}

export interface UnitTestIncremental {
  /** Fixture (by name) holding the rows of `this` before the run. */
  readonly thisRelation: string;
  readonly strategy?: string;
  readonly uniqueKey?: string | readonly string[];
  readonly partitionBy?: readonly string[];
  readonly onSchemaChange?: OnSchemaChange;
}

export interface RunUnitTestArgs {
  readonly name: string;
  /** The model compiled with ref()/source()/this replaced by fixture names. */
  readonly modelSql: string;
  readonly expect: UnitTestRows | readonly Row[];
  /** Created as temp tables before the model runs, dropped after. */
  readonly fixtures?: readonly UnitTestFixture[];
  /** Set to compare `expect` with the table after an incremental run instead of the model's rows. */
  readonly incremental?: UnitTestIncremental;
  readonly context?: FixtureContext;
}

export interface UnitTestResult {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'error';
  /** One-line summary. */
  readonly message: string;
  /** The row diff when status is 'fail'; '' otherwise. */
  readonly diff: string;
  readonly durationMs: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a dbt 1.8 unit test on a (preferably in-memory) connection: creates the fixtures,
 * runs the model SQL (or computes the final incremental table) and compares it with the
 * expected rows as multisets, on the expected columns only, as dbt does. A failure is a
 * result with a row diff, not an exception.
 */
export async function runUnitTest(conn: EngineConnection, args: RunUnitTestArgs): Promise<UnitTestResult> {
  const started = Date.now();
  const result = (status: UnitTestResult['status'], message: string, diff = ''): UnitTestResult => ({
    name: args.name,
    status,
    message,
    diff,
    durationMs: Date.now() - started,
  });
  const created: string[] = [];
  try {
    for (const fixture of args.fixtures ?? []) {
      await conn.run(`create or replace temp table ${quoteIdent(fixture.name)} as (\n${stripTrailingSemicolons(fixture.sql)}\n)`);
      created.push(fixture.name);
    }

    let actualSql = stripTrailingSemicolons(args.modelSql);
    if (args.incremental) {
      const inc = args.incremental;
      const existingSql = `select * from ${quoteIdent(inc.thisRelation)}`;
      const final = incrementalResultSql({
        existingSql,
        existingColumns: (await conn.describeQuery(existingSql)).map((c) => c.name),
        newRowsSql: actualSql,
        newColumns: (await conn.describeQuery(actualSql)).map((c) => c.name),
        strategy: inc.strategy,
        uniqueKey: inc.uniqueKey,
        partitionBy: inc.partitionBy,
        onSchemaChange: inc.onSchemaChange,
      });
      if (!final.ok) return result('error', final.error);
      actualSql = final.sql;
    }

    const actualColumns = await conn.describeQuery(actualSql);
    const expectSqlFormat = !Array.isArray(args.expect) && (args.expect as UnitTestRows).format === 'sql';
    const expectedNames = expectSqlFormat
      ? (await conn.describeQuery((args.expect as UnitTestRows).sql ?? '')).map((c) => c.name)
      : fixtureRows(args.expect, { label: 'expect', ...args.context }).columns;

    const byName = new Map(actualColumns.map((c) => [c.name.toLowerCase(), c]));
    const missing = expectedNames.filter((n) => !byName.has(n.toLowerCase()));
    if (missing.length > 0) {
      return result(
        'fail',
        `expect names column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} which the model does not produce (it produces ${actualColumns.map((c) => c.name).join(', ')})`,
      );
    }
    // With no expected columns (expect: rows: []), compare row counts over all columns.
    const compared: readonly ColumnSchema[] = expectedNames.length > 0 ? expectedNames.map((n) => byName.get(n.toLowerCase())!) : actualColumns;
    const expectedSql = expectSqlFormat
      ? stripTrailingSemicolons((args.expect as UnitTestRows).sql ?? '')
      : fixtureSql(args.expect, compared, { label: 'expect', ...args.context });

    const cols = compared.map((c) => quoteIdent(c.name)).join(', ');
    const diffSql = [
      `with actual_rows as (select ${cols} from (\n${actualSql}\n) a),`,
      `expected_rows as (select ${compared.map((c) => `cast(${quoteIdent(c.name)} as ${c.type}) as ${quoteIdent(c.name)}`).join(', ')} from (\n${expectedSql}\n) e),`,
      'tagged as (select *, 1 as __plan_actual, 0 as __plan_expected from actual_rows union all select *, 0, 1 from expected_rows)',
      `select ${cols}, sum(__plan_actual)::bigint as __plan_actual_n, sum(__plan_expected)::bigint as __plan_expected_n`,
      `from tagged group by ${cols}`,
      'having sum(__plan_actual) <> sum(__plan_expected)',
      `order by ${cols}`,
    ].join('\n');
    const { rows } = await conn.query(diffSql);
    if (rows.length === 0) return result('pass', 'actual rows match the expected rows');

    const lines: RowDiffLine[] = [];
    let onlyExpected = 0;
    let onlyActual = 0;
    for (const row of rows) {
      const delta = Number(row.__plan_actual_n) - Number(row.__plan_expected_n);
      for (let k = 0; k < Math.abs(delta); k++) lines.push({ side: delta < 0 ? 'expected' : 'actual', row });
      if (delta < 0) onlyExpected -= delta;
      else onlyActual += delta;
    }
    const header = `actual differs from expected: ${onlyExpected} expected row${onlyExpected === 1 ? '' : 's'} missing (-), ${onlyActual} unexpected row${onlyActual === 1 ? '' : 's'} (+)`;
    return result('fail', header, `${header}\n${formatRowDiff(compared.map((c) => c.name), lines)}`);
  } catch (error) {
    return result('error', errorText(error));
  } finally {
    for (const name of created) await conn.run(`drop table if exists ${quoteIdent(name)}`).catch(() => undefined);
  }
}
