import { describe, expect, it } from 'vitest';
import { contractBreakingChanges, snapshotFromManifestJson, type ContractSnapshot } from '../../../src/contracts/breaking-changes.js';

const before: ContractSnapshot = {
  uniqueId: 'model.p.orders', name: 'orders', file: 'models/orders.sql', enforced: true, materialized: 'table',
  columns: [
    { name: 'id', data_type: 'int', constraints: ['not_null', 'primary_key'] },
    { name: 'amount', data_type: 'decimal(10,2)', constraints: [] },
    { name: 'note', data_type: 'text', constraints: [] },
  ],
  constraints: ['unique(id, amount)'],
};

describe('contractBreakingChanges', () => {
  it('accepts the same contract spelled differently, and added columns or constraints', () => {
    const after = { ...before, columns: [{ name: 'ID', data_type: 'integer', constraints: ['primary_key', 'not_null', 'unique'] }, { name: 'amount', data_type: 'numeric(10,2)', constraints: [] }, { name: 'note', data_type: 'varchar', constraints: [] }, { name: 'new', data_type: 'int', constraints: [] }] };
    expect(contractBreakingChanges([before], [after])).toEqual([]);
  });

  it('reports removed and retyped columns, removed constraints, and a materialization that cannot enforce them', () => {
    const after = { ...before, materialized: 'view', columns: [{ name: 'id', data_type: 'bigint', constraints: ['not_null'] }, { name: 'amount', data_type: 'decimal(10,2)', constraints: [] }], constraints: [] };
    const [d] = contractBreakingChanges([before], [after]);
    expect(d.code).toBe('contract.breaking_change');
    expect(d.message).toBe(
      "Breaking change to the contract of model 'orders' (models/orders.sql): column 'id' changed type from INTEGER to BIGINT; " +
        "the primary_key constraint on column 'id' was removed; column 'note' was removed; the model-level constraint unique(id, amount) was removed; " +
        'its materialization changed from table to view, which cannot enforce its constraints',
    );
  });

  it('reports a removed contracted model and a contract no longer enforced, and ignores unenforced ones', () => {
    expect(contractBreakingChanges([before], [])[0].message).toBe("Contracted model 'orders' (models/orders.sql) was removed");
    expect(contractBreakingChanges([before], [{ ...before, enforced: false }])[0].message).toContain('its contract is no longer enforced');
    expect(contractBreakingChanges([{ ...before, enforced: false }], [])).toEqual([]);
  });
});

describe('snapshotFromManifestJson', () => {
  it("reads a dbt manifest.json model node", () => {
    expect(
      snapshotFromManifestJson({
        resource_type: 'model', unique_id: 'model.p.m', name: 'm', original_file_path: 'models/m.sql',
        config: { materialized: 'table', contract: { enforced: true } },
        columns: { id: { name: 'id', data_type: 'int', constraints: [{ type: 'not_null' }] } },
        constraints: [{ type: 'primary_key', columns: ['id'] }],
      }),
    ).toEqual({
      uniqueId: 'model.p.m', name: 'm', file: 'models/m.sql', enforced: true, materialized: 'table',
      columns: [{ name: 'id', data_type: 'int', constraints: ['not_null'] }], constraints: ['primary_key(id)'],
    });
    expect(snapshotFromManifestJson({ resource_type: 'seed', unique_id: 'seed.p.s' })).toBeUndefined();
  });
});
