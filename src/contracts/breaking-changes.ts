import type { Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic } from '../errors/diagnostic.js';
import type { ModelNode } from '../manifest/types.js';
import { tryNormalizeType, typesEqual } from './normalize-type.js';

/** What `plan check --state` compares about a contracted model between two manifests. */
export interface ContractSnapshot {
  readonly uniqueId: string;
  readonly name: string;
  readonly file: string;
  readonly enforced: boolean;
  readonly materialized: string;
  readonly columns: readonly { readonly name: string; readonly data_type?: string; readonly constraints: readonly string[] }[];
  /** Model-level constraints as `type(col, col)`. */
  readonly constraints: readonly string[];
}

const ENFORCING = new Set(['table', 'incremental']);

export function snapshotOf(node: ModelNode): ContractSnapshot {
  return {
    uniqueId: node.uniqueId,
    name: node.name,
    file: node.originalFilePath,
    enforced: Boolean(node.config.contract?.enforced),
    materialized: node.config.materialized,
    columns: Object.values(node.columns).map((c) => ({ name: c.name, data_type: c.data_type, constraints: c.constraints.map((k) => k.type) })),
    constraints: node.constraints.map((c) => `${c.type}(${(c.columns ?? []).join(', ')})`),
  };
}

const asRecord = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/**
 * A model node of a previous `manifest.json` (dbt's layout, which plan writes too) as a
 * snapshot; undefined for anything that is not a model.
 */
export function snapshotFromManifestJson(node: unknown): ContractSnapshot | undefined {
  const n = asRecord(node);
  if (n.resource_type !== 'model' || typeof n.unique_id !== 'string') return undefined;
  const config = asRecord(n.config);
  const columns = Object.values(asRecord(n.columns)).map((c) => {
    const col = asRecord(c);
    const constraints = Array.isArray(col.constraints) ? col.constraints.map((k) => String(asRecord(k).type)) : [];
    return { name: String(col.name), data_type: typeof col.data_type === 'string' ? col.data_type : undefined, constraints };
  });
  const constraints = Array.isArray(n.constraints)
    ? n.constraints.map((k) => {
        const c = asRecord(k);
        return `${String(c.type)}(${(Array.isArray(c.columns) ? c.columns : []).join(', ')})`;
      })
    : [];
  return {
    uniqueId: n.unique_id,
    name: String(n.name),
    file: String(n.original_file_path ?? ''),
    enforced: Boolean(asRecord(config.contract).enforced),
    materialized: String(config.materialized ?? 'view'),
    columns,
    constraints,
  };
}

/**
 * Breaking changes to models whose contract was enforced in the previous state, as dbt
 * reports them: the model removed, its contract no longer enforced, a column removed or
 * retyped, a constraint removed, or a materialization that stops enforcing constraints.
 */
export function contractBreakingChanges(previous: readonly ContractSnapshot[], current: readonly ContractSnapshot[]): Diagnostic[] {
  const now = new Map(current.map((s) => [s.uniqueId, s]));
  const out: Diagnostic[] = [];
  for (const before of previous) {
    if (!before.enforced) continue;
    const after = now.get(before.uniqueId);
    const problems: string[] = [];
    if (!after) {
      out.push(
        errorDiagnostic('contract.breaking_change', `Contracted model '${before.name}' (${before.file}) was removed`, {
          file: before.file,
          node: before.uniqueId,
          hint: 'downstream consumers rely on its contract: keep it (perhaps as a deprecated version) or announce the removal',
        }),
      );
      continue;
    }
    if (!after.enforced) problems.push('its contract is no longer enforced');
    const columnsNow = new Map(after.columns.map((c) => [c.name.toLowerCase(), c]));
    for (const col of before.columns) {
      const nowCol = columnsNow.get(col.name.toLowerCase());
      if (!nowCol) {
        problems.push(`column '${col.name}' was removed`);
        continue;
      }
      if (col.data_type && nowCol.data_type && !typesEqual(col.data_type, nowCol.data_type)) {
        problems.push(`column '${col.name}' changed type from ${tryNormalizeType(col.data_type)} to ${tryNormalizeType(nowCol.data_type)}`);
      }
      if (ENFORCING.has(before.materialized)) {
        for (const c of col.constraints) {
          if (!nowCol.constraints.includes(c)) problems.push(`the ${c} constraint on column '${col.name}' was removed`);
        }
      }
    }
    if (ENFORCING.has(before.materialized)) {
      for (const c of before.constraints) if (!after.constraints.includes(c)) problems.push(`the model-level constraint ${c} was removed`);
      const hadConstraints = before.constraints.length > 0 || before.columns.some((c) => c.constraints.length > 0);
      if (hadConstraints && !ENFORCING.has(after.materialized)) {
        problems.push(`its materialization changed from ${before.materialized} to ${after.materialized}, which cannot enforce its constraints`);
      }
    }
    if (problems.length > 0) {
      out.push(
        errorDiagnostic('contract.breaking_change', `Breaking change to the contract of model '${after.name}' (${after.file}): ${problems.join('; ')}`, {
          file: after.file,
          node: after.uniqueId,
          hint: 'restore what consumers rely on, or release the change as a new model version',
        }),
      );
    }
  }
  return out;
}
