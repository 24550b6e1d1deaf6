import { describe, expect, it } from 'vitest';
import { materialize } from '../../../src/materialize/index.js';
import { freshEngine, model, rows } from './helpers.js';

describe('parallel builds on one database', () => {
  it('builds many models into a new schema on separate connections without conflicts', async () => {
    const engine = await freshEngine(8);
    try {
      const names = Array.from({ length: 8 }, (_, i) => `m${i}`);
      const kinds = ['table', 'view', 'incremental'];
      for (let round = 0; round < 2; round++) {
        await Promise.all(
          names.map((name, i) =>
            engine.withConnection((conn) =>
              materialize({
                node: model(name, { materialized: kinds[i % 3], unique_key: 'id' }, 'fresh_schema'),
                compiledSql: `select range as id from range(${i + 1})`,
                conn,
                fullRefresh: false,
                preHooks: [],
                postHooks: [],
              }),
            ),
          ),
        );
      }
      const counts = await engine.withConnection((conn) => rows(conn, 'select count(*) as n from fresh_schema.m7'));
      expect(counts).toEqual([{ n: 8 }]);
    } finally {
      await engine.close();
    }
  });
});

describe('partition registry under parallel writers', () => {
  it('records partitions from several connections at once', async () => {
    const { recordPartitions, listPartitions, upsertPartitions } = await import('../../../src/materialize/index.js');
    const engine = await freshEngine(4);
    try {
      await Promise.all(
        [2021, 2022, 2023, 2024].map((year) =>
          engine.withConnection((conn) =>
            recordPartitions(conn, 'main', [
              { modelId: 'model.p.m', relation: 'm', partition: { year }, vars: {}, checksum: 'c', invocationId: `i${year}` },
            ]),
          ),
        ),
      );
      const recorded = await engine.withConnection((conn) => listPartitions(conn, 'main', 'model.p.m'));
      expect(recorded.map((p) => p.partition.year)).toEqual([2021, 2022, 2023, 2024]);
      // Inside concurrent transactions (as the builds do), rows for other partitions do not conflict.
      await Promise.all(
        [2021, 2025, 2026, 2027].map((year) =>
          engine.withConnection((conn) =>
            conn.transaction((tx) => upsertPartitions(tx, 'main', [{ modelId: 'model.p.m', relation: 'm', partition: { year }, vars: {}, checksum: 'c2', invocationId: `t${year}` }])),
          ),
        ),
      );
      const after = await engine.withConnection((conn) => listPartitions(conn, 'main', 'model.p.m'));
      expect(after.map((p) => [p.partition.year, p.invocationId])).toEqual([[2021, 't2021'], [2022, 'i2022'], [2023, 'i2023'], [2024, 'i2024'], [2025, 't2025'], [2026, 't2026'], [2027, 't2027']]);
    } finally {
      await engine.close();
    }
  });
});
