import type { Manifest, Relation } from '../manifest/types.js';
import { metadataJson, type ArtifactMetadata } from './manifest-json.js';

/** One column of a relation in the database, as information_schema.columns lists it. */
export interface CatalogColumn {
  readonly database: string;
  readonly schema: string;
  readonly table: string;
  readonly tableType: string;
  readonly column: string;
  readonly type: string;
  readonly index: number;
}

/**
 * target/catalog.json in dbt's shape (what `dbt docs generate` writes): for each model, seed,
 * snapshot and source whose relation exists, its type and columns. Relations not built yet are
 * left out, as in dbt.
 */
export function catalogJson(manifest: Manifest, columns: readonly CatalogColumn[], meta: ArtifactMetadata): Record<string, unknown> {
  const byRelation = new Map<string, CatalogColumn[]>();
  for (const c of columns) {
    const key = relationKey({ database: c.database, schema: c.schema, identifier: c.table });
    byRelation.set(key, [...(byRelation.get(key) ?? []), c]);
  }
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  for (const node of manifest.nodes.values()) {
    if (node.resourceType !== 'model' && node.resourceType !== 'seed' && node.resourceType !== 'snapshot' && node.resourceType !== 'source') continue;
    const cols = byRelation.get(relationKey(node.relation));
    if (!cols) continue;
    const entry = {
      unique_id: node.uniqueId,
      metadata: { type: cols[0].tableType, schema: cols[0].schema, name: cols[0].table, database: cols[0].database, comment: null, owner: null },
      columns: Object.fromEntries([...cols].sort((a, b) => a.index - b.index).map((c) => [c.column, { type: c.type, index: c.index, name: c.column, comment: null }])),
      stats: { has_stats: { id: 'has_stats', label: 'Has Stats?', value: false, include: false, description: 'Indicates whether there are statistics for this table' } },
    };
    if (node.resourceType === 'source') sources[node.uniqueId] = entry;
    else nodes[node.uniqueId] = entry;
  }
  return {
    metadata: metadataJson(meta, 'catalog/v1'),
    nodes,
    sources,
    errors: null,
  };
}

function relationKey(r: Relation): string {
  return [r.database, r.schema, r.identifier].map((p) => p.toLowerCase()).join('.');
}
