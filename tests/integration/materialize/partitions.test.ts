import { describe, expect, it } from 'vitest';
import { canonicalJson, findPartition, listPartitions, materialize, recordPartitions } from '../../../src/materialize/index.js';
import type { PartitionEntry } from '../../../src/materialize/index.js';
import { connectionPerTest, model, rows } from './helpers.js';

const db = connectionPerTest();

const MODEL = 'model.proj.fct_workforce_snapshot';

function entries(partitions: readonly Record<string, unknown>[], invocationId: string, vars: Record<string, unknown> = {}): PartitionEntry[] {
  return partitions.map((partition) => ({
    modelId: MODEL,
    relation: '"dev"."main"."fct_workforce_snapshot"',
    partition,
    vars,
    checksum: 'sha-1',
    invocationId,
  }));
}

describe('partition registry', () => {
  it('canonical JSON sorts keys', () => {
    expect(canonicalJson({ simulation_year: 2024, scenario_id: 'base' })).toBe('{"scenario_id":"base","simulation_year":2024}');
  });

  it('knows nothing before the table exists', async () => {
    expect(await findPartition(db.conn, 'main', MODEL, { simulation_year: 2024 })).toBe(false);
    expect(await listPartitions(db.conn, 'main', MODEL)).toEqual([]);
  });

  it('records built partitions, upserts re-runs, and finds them by (a subset of) the partition columns', async () => {
    const node = model('fct_workforce_snapshot', { materialized: 'incremental', partition_by: ['scenario_id', 'simulation_year'] });
    const build = (year: number) =>
      materialize({
        node,
        compiledSql: `select 'base' as scenario_id, ${year} as simulation_year, 1 as headcount`,
        conn: db.conn,
        fullRefresh: false,
        preHooks: [],
        postHooks: [],
      });
    await recordPartitions(db.conn, 'main', entries((await build(2024)).builtPartitions ?? [], 'inv-1', { year: 2024 }));
    await recordPartitions(db.conn, 'main', entries((await build(2025)).builtPartitions ?? [], 'inv-2', { year: 2025 }));
    await recordPartitions(db.conn, 'main', entries((await build(2025)).builtPartitions ?? [], 'inv-3', { year: 2025 }));

    const recorded = await listPartitions(db.conn, 'main', MODEL);
    expect(recorded.map((p) => [p.partition, p.invocationId, p.vars])).toEqual([
      [{ scenario_id: 'base', simulation_year: 2024 }, 'inv-1', { year: 2024 }],
      [{ scenario_id: 'base', simulation_year: 2025 }, 'inv-3', { year: 2025 }],
    ]);
    expect(recorded[0].builtAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect(await findPartition(db.conn, 'main', MODEL, { simulation_year: 2024 })).toBe(true);
    expect(await findPartition(db.conn, 'main', MODEL, { simulation_year: '2025', scenario_id: 'base' })).toBe(true);
    expect(await findPartition(db.conn, 'main', MODEL, { simulation_year: 2023 })).toBe(false);
    expect(await findPartition(db.conn, 'main', MODEL, { scenario_id: 'other', simulation_year: 2024 })).toBe(false);
    expect(await findPartition(db.conn, 'main', 'model.proj.other', { simulation_year: 2024 })).toBe(false);
    expect(await rows(db.conn, 'select simulation_year, count(*) as n from fct_workforce_snapshot group by all order by all')).toEqual([
      { simulation_year: 2024, n: 1 },
      { simulation_year: 2025, n: 1 },
    ]);
  });

  it('a first (table) build of a partitioned model reports every partition it holds', async () => {
    const node = model('p', { materialized: 'incremental', partition_by: ['y'] });
    const result = await materialize({ node, compiledSql: 'select range as y from range(2020, 2023)', conn: db.conn, fullRefresh: false, preHooks: [], postHooks: [] });
    expect(result.builtPartitions).toEqual([{ y: 2020 }, { y: 2021 }, { y: 2022 }]);
  });
});
