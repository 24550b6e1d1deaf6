import { describe, expect, it } from 'vitest';
import { checkContractableNode, viewConstraintWarnings } from '../../../src/contracts/check-contractable-node.js';
import type { ColumnInfo, ModelNode } from '../../../src/manifest/types.js';

function model(materialized: string, enforced: boolean, columns: ColumnInfo[], constraints: ModelNode['constraints'] = []): ModelNode {
  return {
    uniqueId: 'model.p.m', resourceType: 'model', name: 'm', packageName: 'p', path: 'm.sql', originalFilePath: 'models/m.sql',
    fqn: ['p', 'm'], description: '', tags: [], meta: {},
    config: { enabled: true, materialized, tags: [], pre_hook: [], post_hook: [], column_types: {}, contract: { enforced }, on_schema_change: 'ignore', meta: {} },
    rawCode: '', checksum: '', dependsOn: { nodes: [], macros: [] }, refs: [], sources: [],
    columns: Object.fromEntries(columns.map((c) => [c.name, c])),
    relation: { database: 'db', schema: 'main', identifier: 'm' }, priorReads: [], constraints, patchPath: 'models/schema.yml',
  };
}
const col = (name: string, data_type?: string, constraints: ColumnInfo['constraints'] = []): ColumnInfo => ({ name, description: '', data_type, constraints, meta: {}, tags: [] });

describe('checkContractableNode', () => {
  it('accepts an enforced contract on a table with typed columns, and anything unenforced', () => {
    expect(checkContractableNode(model('table', true, [col('id', 'int')]))).toEqual([]);
    expect(checkContractableNode(model('ephemeral', false, []))).toEqual([]);
  });

  it('rejects an enforced contract on an ephemeral model and says why', () => {
    const [d] = checkContractableNode(model('ephemeral', true, [col('id', 'int')]));
    expect(d.severity).toBe('error');
    expect(d.code).toBe('contract.ephemeral');
    expect(d.message).toContain('Contracts are not supported for ephemeral models');
    expect(d.message).toContain('CTE');
    expect(d.file).toBe('models/schema.yml');
    expect(d.hint).toMatch(/materialize it as a view or table/);
  });

  it('requires columns, each with a valid data_type', () => {
    expect(checkContractableNode(model('table', true, []))[0].code).toBe('contract.no_columns');
    const ds = checkContractableNode(model('view', true, [col('a'), col('b', 'struct(x int'), col('c', 'int')]));
    expect(ds.map((d) => d.code)).toEqual(['contract.no_data_type', 'contract.bad_data_type']);
    expect(ds[0].message).toContain("column 'a'");
  });

  it("points at the property file's line of the column, or of the model entry", () => {
    const node = { ...model('table', true, [col('a'), col('b', 'int')]), propertyLines: { entry: 3, columns: { a: 7, b: 9 } } };
    const [noType] = checkContractableNode(node);
    expect([noType.file, noType.line]).toEqual(['models/schema.yml', 7]);
    const ephemeral = { ...model('ephemeral', true, [col('a', 'int')]), propertyLines: { entry: 3, columns: { a: 7 } } };
    expect(checkContractableNode(ephemeral)[0].line).toBe(3);
  });
});

describe('viewConstraintWarnings', () => {
  it('warns once per constraint, except warn_unsupported: false', () => {
    const ws = viewConstraintWarnings(
      model('view', true, [col('id', 'int', [{ type: 'not_null' }, { type: 'unique', warn_unsupported: false }])], [{ type: 'primary_key', columns: ['id'] }]),
    );
    expect(ws.map((w) => w.severity)).toEqual(['warning', 'warning']);
    expect(ws[0].message).toBe("Model 'm' is a view: the not_null constraint on column 'id' cannot be enforced");
    expect(ws[1].message).toContain('model-level primary_key constraint on (id)');
  });
});
