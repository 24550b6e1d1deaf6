import { describe, expect, it } from 'vitest';
import { readsOnlyOtherPartitions } from '../../../src/materialize/incremental-in-place.js';
import { model } from '../../integration/materialize/helpers.js';

const node = model('fct_snapshot', { materialized: 'incremental', partition_by: ['scenario', 'year'] });
const written = [{ scenario: 'base', year: 2025 }];
const prior = (year: number, scenario = 'base') => ({ name: 'fct_snapshot', filters: { scenario, year } });
const read = `(select * from "dev"."main"."fct_snapshot" where "scenario" = 'base' and "year" = 2024)`;

describe('readsOnlyOtherPartitions', () => {
  it('accepts SQL that names the target only in prior() reads of other partitions', () => {
    expect(readsOnlyOtherPartitions(node, 'select * from other', [], written)).toBe(true);
    expect(readsOnlyOtherPartitions(node, `select * from ${read}`, [prior(2024)], written)).toBe(true);
    expect(readsOnlyOtherPartitions(node, `select * from ${read}`, [prior(2025, 'high')], written)).toBe(true);
  });

  it('refuses a read of a written partition, or one that does not say which', () => {
    expect(readsOnlyOtherPartitions(node, `select * from ${read}`, [prior(2025)], written)).toBe(false);
    expect(readsOnlyOtherPartitions(node, `select * from ${read}`, [{ name: 'FCT_SNAPSHOT', filters: { scenario: 'base' } }], written)).toBe(false);
  });

  it('refuses any other mention of the table name, in any case, but not longer names that contain it', () => {
    expect(readsOnlyOtherPartitions(node, 'select * from main.FCT_SNAPSHOT', [], written)).toBe(false);
    expect(readsOnlyOtherPartitions(node, `select * from ${read} join "dev"."main"."fct_snapshot" using (id)`, [prior(2024)], written)).toBe(false);
    expect(readsOnlyOtherPartitions(node, 'select * from fct_snapshot_daily join x_fct_snapshot using (id)', [], written)).toBe(true);
  });
});
