import { describe, expect, it } from 'vitest';
import { ensurePartitionsTable, listPartitions, materialize, upsertPartitions } from '../../../src/materialize/index.js';
import type { MaterializeRequest } from '../../../src/materialize/types.js';
import type { NodeConfig } from '../../../src/config/types.js';
import type { PriorRead } from '../../../src/manifest/types.js';
import { withSqlLog } from '../../helpers/sql-log.js';
import { connectionPerTest, model, rows } from './helpers.js';

const db = connectionPerTest();

const PARTITIONED: Partial<NodeConfig> = { materialized: 'incremental', partition_by: ['scenario', 'year'] };

function request(config: Partial<NodeConfig>, compiledSql: string, priorReads: readonly PriorRead[] = []): MaterializeRequest {
  return { node: model('fct', config), compiledSql, conn: db.conn, fullRefresh: false, preHooks: [], postHooks: [], priorReads };
}

const yearSql = (year: number, value: number): string => `select 'base' as scenario, ${year} as year, range as id, ${value} as v from range(3)`;
const staticYear = (year: number): Partial<NodeConfig> => ({ ...PARTITIONED, partitions: [["'base'", String(year)]] });

describe('insert_overwrite with static partitions', () => {
  it('replaces exactly the listed partition without a stage, and reports it', async () => {
    await materialize(request(staticYear(2024), yearSql(2024, 1)));
    await materialize(request(staticYear(2025), yearSql(2025, 1)));
    const { statements, result } = await withSqlLog(db.conn, () => materialize(request(staticYear(2025), yearSql(2025, 2))));

    expect(statements.some((s) => /__plan_stage/.test(s))).toBe(false);
    expect(result.message).toBe('INSERT 3 rows (1 partition replaced)');
    expect(result.builtPartitions).toEqual([{ scenario: 'base', year: 2025 }]);
    expect(await rows(db.conn, 'select year, count(*)::INT as n, max(v)::INT as v from fct group by year order by year')).toEqual([
      { year: 2024, n: 3, v: 1 },
      { year: 2025, n: 3, v: 2 },
    ]);
  });

  it('replaces a partition whose value is NULL, and matches the others with = (so DuckDB can skip row groups)', async () => {
    const nullScenario = (value: number): string => `select null::VARCHAR as scenario, 2024 as year, range as id, ${value} as v from range(3)`;
    const config = { ...PARTITIONED, partitions: [['null', '2024'], ["'base'", '2024']] };
    await materialize(request(staticYear(2024), yearSql(2024, 1)));
    await materialize(request(config, `${nullScenario(1)} union all ${yearSql(2024, 1)}`));
    const { statements, result } = await withSqlLog(db.conn, () => materialize(request(config, `${nullScenario(2)} union all ${yearSql(2024, 2)}`)));
    expect(result.message).toBe('INSERT 6 rows (2 partitions replaced)');
    expect(result.builtPartitions).toEqual([{ scenario: null, year: 2024 }, { scenario: 'base', year: 2024 }]);
    const remove = statements.find((s) => s.startsWith('DELETE FROM'));
    expect(remove).toContain('"scenario" IS NULL AND "year" = (2024)');
    expect(remove).toContain(`"scenario" = ('base') AND "year" = (2024)`);
    expect(await rows(db.conn, 'select scenario, count(*)::INT as n, max(v)::INT as v from fct group by scenario order by scenario nulls first')).toEqual([
      { scenario: null, n: 3, v: 2 },
      { scenario: 'base', n: 3, v: 2 },
    ]);
  });

  it('lists a partition given twice once', async () => {
    const config = { ...PARTITIONED, partitions: [["'base'", '2024'], ["'ba' || 'se'", '2024']] };
    const result = await materialize(request(config, yearSql(2024, 1)));
    expect(result.builtPartitions).toEqual([{ scenario: 'base', year: 2024 }]);
  });

  it('fails and keeps the old rows when a new row is outside the listed partitions', async () => {
    await materialize(request(staticYear(2024), yearSql(2024, 1)));
    const wrong = `${yearSql(2024, 2)} union all select 'base', 2030, 9, 9`;
    await expect(materialize(request(staticYear(2024), wrong))).rejects.toThrow(/1 of its 4 new rows are outside the partitions listed in its partitions config \(scenario=base, year=2024\)/);
    expect(await rows(db.conn, 'select year, max(v)::INT as v, count(*)::INT as n from fct group by year')).toEqual([{ year: 2024, v: 1, n: 3 }]);
  });

  it('says which partition has the wrong number of values', async () => {
    await materialize(request(staticYear(2024), yearSql(2024, 1)));
    const config = { ...PARTITIONED, partitions: [["'base'"]] };
    await expect(materialize(request(config, yearSql(2024, 2)))).rejects.toThrow(/partition 1 in partitions has 1 value\(s\), expected 2, one per partition_by column \(scenario, year\)/);
    const written = { ...request(config, yearSql(2024, 2)) };
    const node = { ...written.node, rawCode: "{{ config(\n  materialized='incremental',\n  partitions=[[\"'base'\"]]\n) }}\nselect 1" };
    await expect(materialize({ ...written, node })).rejects.toMatchObject({ code: 'materialize.partitions', file: 'models/fct.sql', line: 3 });
  });

  it('stages the rows when the model reads the partition it replaces (so it reads the old rows)', async () => {
    await materialize(request(staticYear(2024), yearSql(2024, 1)));
    const readsItself = `select scenario, year, id, v + 10 as v from (select * from "dev"."main"."fct" where "scenario" = 'base' and "year" = 2024)`;
    const read: PriorRead = { name: 'fct', filters: { scenario: 'base', year: 2024 } };
    const { statements } = await withSqlLog(db.conn, () => materialize(request(staticYear(2024), readsItself, [read])));
    expect(statements.some((s) => /__plan_stage/.test(s))).toBe(true);
    expect(await rows(db.conn, 'select max(v)::INT as v, count(*)::INT as n from fct')).toEqual([{ v: 11, n: 3 }]);
  });

  it('writes in place when the model reads only an earlier partition of itself through prior()', async () => {
    await materialize(request(staticYear(2024), yearSql(2024, 1)));
    const next = `select scenario, 2025 as year, id, v + 1 as v from (select * from "dev"."main"."fct" where "scenario" = 'base' and "year" = 2024)`;
    const read: PriorRead = { name: 'fct', filters: { scenario: 'base', year: 2024 } };
    const { statements } = await withSqlLog(db.conn, () => materialize(request(staticYear(2025), next, [read])));
    expect(statements.some((s) => /__plan_stage/.test(s))).toBe(false);
    expect(await rows(db.conn, 'select year, max(v)::INT as v from fct group by year order by year')).toEqual([
      { year: 2024, v: 1 },
      { year: 2025, v: 2 },
    ]);
  });

  it('stages the rows when the model names itself any other way ({{ this }})', async () => {
    await materialize(request(staticYear(2024), yearSql(2024, 1)));
    const usesThis = `select scenario, 2025 as year, id, v from "dev"."main"."fct" where year = (select max(year) from "dev"."main"."fct")`;
    const { statements } = await withSqlLog(db.conn, () => materialize(request(staticYear(2025), usesThis)));
    expect(statements.some((s) => /__plan_stage/.test(s))).toBe(true);
    expect(await rows(db.conn, 'select count(*)::INT as n from fct')).toEqual([{ n: 6 }]);
  });
});

describe('the partition registry commits with the rows', () => {
  const record = (modelId: string) => (tx: Parameters<NonNullable<MaterializeRequest['recordPartitions']>>[0], partitions: readonly Record<string, unknown>[]) =>
    upsertPartitions(tx, 'main', partitions.map((partition) => ({ modelId, relation: 'main.fct', partition, vars: {}, checksum: 'c', invocationId: 'i' })));

  it('records each build in its transaction, and a failed build records nothing', async () => {
    await ensurePartitionsTable(db.conn, 'main');
    await materialize({ ...request(staticYear(2024), yearSql(2024, 1)), recordPartitions: record('model.proj.fct') });
    await materialize({ ...request(staticYear(2025), yearSql(2025, 1)), recordPartitions: record('model.proj.fct') });
    const failing = { ...request(staticYear(2026), yearSql(2026, 1)), postHooks: ['select * from no_such_table'], recordPartitions: record('model.proj.fct') };
    await expect(materialize(failing)).rejects.toThrow(/post-hook 1 failed/);
    const recorded = await listPartitions(db.conn, 'main', 'model.proj.fct');
    expect(recorded.map((p) => p.partition)).toEqual([{ scenario: 'base', year: 2024 }, { scenario: 'base', year: 2025 }]);
    expect(await rows(db.conn, 'select count(*)::INT as n from fct where year = 2026')).toEqual([{ n: 0 }]);
  });
});

describe('append', () => {
  it('inserts straight from the model SQL, which sees the table as it was', async () => {
    const config: Partial<NodeConfig> = { materialized: 'incremental', incremental_strategy: 'append' };
    await materialize(request(config, 'select range as id from range(3)'));
    const { statements, result } = await withSqlLog(db.conn, () => materialize(request(config, 'select id + 10 as id from "dev"."main"."fct"')));
    expect(statements.some((s) => /__plan_stage/.test(s))).toBe(false);
    expect(result.message).toBe('INSERT 3 rows');
    expect(await rows(db.conn, 'select count(*)::INT as n, max(id)::INT as m from fct')).toEqual([{ n: 6, m: 12 }]);
  });
});

describe('partitions config', () => {
  it('is refused for strategies other than insert_overwrite', async () => {
    const config: Partial<NodeConfig> = { materialized: 'incremental', unique_key: 'id', partitions: [['1']] };
    await expect(materialize(request(config, 'select 1 as id'))).rejects.toThrow(/partitions \(the partitions to replace\) only applies to incremental_strategy 'insert_overwrite', not 'delete\+insert'/);
  });
});
