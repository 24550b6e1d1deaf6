import { tryNormalizeType } from '../contracts/index.js';
import { errorDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import type { Manifest, ModelNode } from '../manifest/types.js';

/** The parts of a previous manifest.json that breaking-change detection reads. */
interface PreviousModel {
  readonly name: string;
  readonly original_file_path?: string;
  readonly patch_path?: string | null;
  readonly config?: { readonly contract?: { readonly enforced?: boolean }; readonly materialized?: string };
  readonly columns?: Readonly<Record<string, { readonly name: string; readonly data_type?: string; readonly constraints?: readonly { readonly type: string; readonly expression?: string }[] }>>;
  readonly constraints?: readonly { readonly type: string; readonly columns?: readonly string[]; readonly expression?: string }[];
}

/**
 * dbt's breaking changes to contracted models, relative to a previous manifest: a contracted model
 * removed (or its contract dropped), a column removed or retyped, a constraint removed.
 */
export function breakingChanges(previous: unknown, current: Manifest): Diagnostic[] {
  const oldNodes = ((previous as { nodes?: Record<string, PreviousModel & { resource_type?: string }> })?.nodes ?? {}) as Record<string, PreviousModel & { resource_type?: string }>;
  const problems: Diagnostic[] = [];
  for (const [id, old] of Object.entries(oldNodes)) {
    if (old.resource_type !== 'model' || !old.config?.contract?.enforced) continue;
    const now = current.nodes.get(id);
    const file = old.patch_path ?? old.original_file_path;
    if (!now || now.resourceType !== 'model') {
      problems.push(breaking(`contracted model '${old.name}' was removed`, file, id, 'removing a contracted model breaks its consumers: keep it, or version it first'));
      continue;
    }
    const where = now.patchPath ?? now.originalFilePath;
    if (!now.config.contract.enforced) {
      problems.push(breaking(`model '${old.name}' no longer enforces its contract`, where, id, 'keep contract: {enforced: true} on a model others rely on'));
      continue;
    }
    problems.push(...columnChanges(old, now, where, id), ...constraintChanges(old, now, where, id));
  }
  return problems;
}

function columnChanges(old: PreviousModel, now: ModelNode, file: string, id: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const current = new Map(Object.values(now.columns).map((c) => [c.name.toLowerCase(), c]));
  for (const col of Object.values(old.columns ?? {})) {
    const match = current.get(col.name.toLowerCase());
    if (!match) {
      problems.push(breaking(`model '${now.name}': contracted column '${col.name}' was removed`, file, id, 'removing a column breaks consumers; add a new column instead, or version the model'));
      continue;
    }
    if (col.data_type && match.data_type && tryNormalizeType(col.data_type) !== tryNormalizeType(match.data_type)) {
      problems.push(breaking(`model '${now.name}': column '${col.name}' changed type from ${tryNormalizeType(col.data_type)} to ${tryNormalizeType(match.data_type)}`, file, id, 'changing a contracted column type breaks consumers'));
    }
    for (const c of col.constraints ?? []) {
      if (!match.constraints.some((m) => m.type === c.type && (m.expression ?? '') === (c.expression ?? ''))) {
        problems.push(breaking(`model '${now.name}': ${c.type} constraint on column '${col.name}' was removed`, file, id, 'removing a constraint weakens the contract consumers rely on'));
      }
    }
  }
  return problems;
}

function constraintChanges(old: PreviousModel, now: ModelNode, file: string, id: string): Diagnostic[] {
  const key = (c: { type: string; columns?: readonly string[]; expression?: string }): string => `${c.type}|${(c.columns ?? []).join(',')}|${c.expression ?? ''}`;
  const current = new Set(now.constraints.map(key));
  return (old.constraints ?? [])
    .filter((c) => !current.has(key(c)))
    .map((c) => breaking(`model '${now.name}': model-level ${c.type} constraint${c.columns?.length ? ` on (${c.columns.join(', ')})` : ''} was removed`, file, id, 'removing a constraint weakens the contract consumers rely on'));
}

function breaking(message: string, file: string | undefined, node: string, hint: string): Diagnostic {
  return errorDiagnostic('check.breaking_change', `breaking change: ${message}`, { file, node, hint });
}
