import { describe, expect, it } from 'vitest';
import { compareContract } from '../../../src/contracts/compare-contract.js';
import { contractError, formatContractDiff } from '../../../src/contracts/format-contract-diff.js';
import { ContractError } from '../../../src/errors/plan-error.js';

const actual = [
  { name: 'ID', type: 'INTEGER' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'amount', type: 'DECIMAL(10,2)' },
  { name: 'surprise', type: 'DOUBLE' },
];

describe('compareContract', () => {
  it('is empty when names (any case, any order) and types (any alias) match', () => {
    expect(compareContract([{ name: 'amount', data_type: 'numeric(10,2)' }, { name: 'id', data_type: 'int' }, { name: 'NAME', data_type: 'text' }], actual.slice(0, 3))).toEqual([]);
  });

  it('reports missing, extra, mistyped and untyped columns', () => {
    const diffs = compareContract(
      [
        { name: 'id', data_type: 'bigint' },
        { name: 'name' },
        { name: 'amount', data_type: 'decimal(10,3)' },
        { name: 'gone', data_type: 'date' },
      ],
      actual,
    );
    expect(diffs).toEqual([
      { column: 'id', declared: 'BIGINT', actual: 'INTEGER', problem: 'type_mismatch' },
      { column: 'name', actual: 'VARCHAR', problem: 'no_data_type' },
      { column: 'amount', declared: 'DECIMAL(10,3)', actual: 'DECIMAL(10,2)', problem: 'type_mismatch' },
      { column: 'gone', declared: 'DATE', problem: 'missing' },
      { column: 'surprise', actual: 'DOUBLE', problem: 'extra' },
    ]);
  });
});

describe('formatContractDiff', () => {
  it('prints an aligned table and a hint naming the file', () => {
    const text = formatContractDiff('orders', 'models/orders.yml', [
      { column: 'id', declared: 'BIGINT', actual: 'INTEGER', problem: 'type_mismatch' },
      { column: 'surprise', actual: 'DOUBLE', problem: 'extra' },
    ]);
    expect(text).toContain("Model 'orders' (models/orders.yml) has an enforced contract");
    expect(text).toContain('| column   | declared | actual  | problem ');
    expect(text).toContain('| id       | BIGINT   | INTEGER | data type mismatch ');
    expect(text).toContain('| surprise | -        | DOUBLE  | produced by the SQL, not declared in the contract |');
    expect(text).toMatch(/hint: .*models\/orders\.yml.*cast the column/);
  });

  it('points the hint at the lines of the property file: the first missing column, the first mismatched type', () => {
    const lines = { entry: 3, columns: { id: 6, gone: 9 } };
    const text = formatContractDiff('orders', 'models/orders.sql', [
      { column: 'ID', declared: 'BIGINT', actual: 'INTEGER', problem: 'type_mismatch' },
      { column: 'gone', declared: 'DATE', problem: 'missing' },
      { column: 'surprise', actual: 'DOUBLE', problem: 'extra' },
    ], 'models/schema.yml', lines);
    expect(text).toMatch(/add\/remove them under `columns:` in models\/schema\.yml:9; cast the column .* change its `data_type` \(models\/schema\.yml:6\)/);
    const onlyExtra = formatContractDiff('orders', 'models/orders.sql', [{ column: 'surprise', actual: 'DOUBLE', problem: 'extra' }], 'models/schema.yml', lines);
    expect(onlyExtra).toContain('under `columns:` in models/schema.yml:3');
  });

  it('wraps the table in a ContractError (exit 1) for the node', () => {
    const error = contractError('orders', 'models/orders.yml', [{ column: 'x', declared: 'DATE', problem: 'missing' }], 'model.p.orders');
    expect(error).toBeInstanceOf(ContractError);
    expect(error.exitCode).toBe(1);
    expect(error.node).toBe('model.p.orders');
    expect(error.file).toBe('models/orders.yml');
    expect(error.message).toContain('declared in the contract, not produced by the SQL');
  });
});
