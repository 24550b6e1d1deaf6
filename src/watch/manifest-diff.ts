import type { ColumnInfo, Manifest, ManifestNode } from '../manifest/types.js';

/** How the nodes of two manifests differ (unique ids). */
export interface ManifestDiff {
  /** New, or with different code, config, columns, relation, test definition or dependencies. */
  readonly changed: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
}

/**
 * Compare every node of `next` with the same node of `previous` on what decides what gets built:
 * its code (checksum), merged config, relation, declared columns and constraints (not their
 * descriptions), test definition, and the nodes and macros it depends on.
 */
export function diffManifests(previous: Manifest, next: Manifest): ManifestDiff {
  const changed = new Set<string>();
  for (const [id, node] of next.nodes) {
    const before = previous.nodes.get(id);
    if (!before || fingerprint(before) !== fingerprint(node)) changed.add(id);
  }
  const removed = new Set([...previous.nodes.keys()].filter((id) => !next.nodes.has(id)));
  return { changed, removed };
}

/** Nodes are immutable values: the previous rebuild's fingerprints are reused, not recomputed. */
const cache = new WeakMap<ManifestNode, string>();

/** The parts of a node that change what it builds, as one comparable string. */
export function fingerprint(node: ManifestNode): string {
  let value = cache.get(node);
  if (value === undefined) {
    value = computeFingerprint(node);
    cache.set(node, value);
  }
  return value;
}

function computeFingerprint(node: ManifestNode): string {
  switch (node.resourceType) {
    case 'model':
      return stableJson([node.checksum, node.config, node.relation, columnsKey(node.columns), node.constraints, node.dependsOn]);
    case 'seed':
      return stableJson([node.checksum, node.config, node.relation, columnsKey(node.columns)]);
    case 'snapshot':
      return stableJson([node.checksum, node.rawCode, node.config, node.relation, columnsKey(node.columns), node.dependsOn]);
    case 'test':
      return stableJson([node.checksum, node.rawCode, node.config, node.testMetadata ?? null, node.attachedNode ?? null, node.columnName ?? null, node.dependsOn]);
    case 'source':
      return stableJson([node.relation, columnsKey(node.columns), node.config]);
    case 'unit_test':
      return stableJson([node.model, node.definition.given, node.definition.expect, node.definition.overrides, node.config]);
  }
}

function columnsKey(columns: Readonly<Record<string, ColumnInfo>>): unknown {
  return Object.values(columns).map((c) => [c.name, c.data_type ?? null, c.constraints]);
}

/** JSON with object keys sorted, so two equal values always give the same text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined) return null;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
