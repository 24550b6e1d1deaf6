import { describe, expect, it } from 'vitest';
import { memoryConnection } from '../../helpers/memory-connection.js';
import { applyWhere } from '../../../src/data-tests/apply-where.js';
import { canRunInOneScan, runColumnTestsInOneScan } from '../../../src/data-tests/run-column-tests.js';
import { runDataTest } from '../../../src/data-tests/run-data-test.js';
import type { NodeConfig } from '../../../src/config/types.js';
import type { TestNode } from '../../../src/manifest/types.js';
import { renderBuiltinTest } from '../../unit/data-tests/render-builtin.js';

const db = memoryConnection(`create table t as select * from (values
    (1, 'a', 1), (2, 'b', 1), (2, 'z', 2), (null, 'a', null), (5, null, 3), (5, 'y', 3)
  ) v(id, code, n)`);

function node(name: string, test: string, column: string, kwargs: Record<string, unknown> = {}, config: Partial<NodeConfig> = {}): TestNode {
  return {
    uniqueId: `test.p.${name}`, resourceType: 'test', name, packageName: 'p', path: `${name}.sql`, originalFilePath: 'models/schema.yml',
    fqn: ['p', name], description: '', tags: [], meta: {},
    config: { enabled: true, materialized: 'test', tags: [], pre_hook: [], post_hook: [], column_types: {}, contract: { enforced: false }, on_schema_change: 'ignore', meta: {}, ...config },
    rawCode: '', checksum: '', dependsOn: { nodes: [], macros: [] }, refs: [], sources: [], columns: {}, testType: 'generic',
    testMetadata: { name: test, kwargs: { column_name: column, ...kwargs } }, columnName: column,
  };
}

const cases = [
  node('u_id', 'unique', 'id'),
  node('u_n', 'unique', 'n'),
  node('nn_id', 'not_null', 'id'),
  node('nn_code', 'not_null', 'code', {}, { severity: 'warn' }),
  node('av_code', 'accepted_values', 'code', { values: ['a', 'b'] }),
  node('av_n', 'accepted_values', 'n', { values: [1, 2], quote: false }, { error_if: '>5' }),
  node('u_code_where', 'unique', 'code', {}, { where: 'id < 5' }),
  node('nn_n_where', 'not_null', 'n', {}, { where: 'id < 5' }),
  node('stored', 'not_null', 'id', {}, { store_failures: true }),
  node('bad_threshold', 'unique', 'id', {}, { warn_if: 'many' }),
];

function compiled(n: TestNode): string {
  const { column_name, ...rest } = n.testMetadata!.kwargs;
  return renderBuiltinTest(n.testMetadata!.name, { model: applyWhere('"t"', n.config.where), column_name, ...rest });
}

describe('runColumnTestsInOneScan', () => {
  it('groups only plain built-in column tests', () => {
    expect(cases.map((c) => canRunInOneScan(c))).toEqual([true, true, true, true, true, true, true, true, false, true]);
  });

  it('gives the same results as running each test alone', async () => {
    const tests = cases.map((n) => ({ node: n, compiledSql: compiled(n) }));
    const options = { targetSchema: 'main' };
    const seen: string[] = [];
    const recording = { ...db.conn, query: (sql: string) => (seen.push(sql), db.conn.query(sql)), run: (sql: string) => db.conn.run(sql), relationKind: db.conn.relationKind.bind(db.conn) };
    const grouped = await runColumnTestsInOneScan(recording, '"t"', tests, options);
    // Two shared scans (no where, and where id < 5), not one query per test.
    expect(seen.filter((q) => q.startsWith('with base as materialized'))).toHaveLength(2);
    // Only the store_failures test ran its own count query (the bad threshold fails before querying).
    expect(seen.filter((q) => q.includes('dbt_internal_test') && q.includes('failures'))).toHaveLength(1);
    const alone = [];
    for (const t of tests) alone.push(await runDataTest(db.conn, t, options));
    const strip = (r: { durationMs: number; storedIn?: string }) => ({ ...r, durationMs: 0 });
    expect(grouped.map(strip)).toEqual(alone.map(strip));
    // The fixture really exercises every outcome.
    expect(grouped.map((r) => `${r.name}:${r.status}:${r.failures}`)).toEqual([
      'u_id:fail:2', 'u_n:fail:2', 'nn_id:fail:1', 'nn_code:warn:1', 'av_code:fail:2', 'av_n:warn:1',
      'u_code_where:pass:0', 'nn_n_where:pass:0', 'stored:fail:1', 'bad_threshold:error:0',
    ]);
  });
});
