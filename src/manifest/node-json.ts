import { relationSql, type ExposureNode, type ManifestNode } from './types.js';

/** A node as dbt writes it in manifest.json (and as templates see it in `graph.nodes`). */
export function nodeJson(node: ManifestNode): Record<string, unknown> {
  const base: Record<string, unknown> = {
    unique_id: node.uniqueId,
    resource_type: node.resourceType,
    name: node.name,
    package_name: node.packageName,
    path: node.path,
    original_file_path: node.originalFilePath,
    fqn: node.fqn,
    description: node.description,
    tags: node.tags,
    meta: node.meta,
    config: node.config,
    docs: docsOf(node.config),
  };
  switch (node.resourceType) {
    case 'model':
    case 'seed':
    case 'snapshot':
    case 'test': {
      Object.assign(base, {
        raw_code: node.rawCode,
        language: 'sql',
        checksum: { name: 'sha256', checksum: node.checksum },
        depends_on: { nodes: node.dependsOn.nodes, macros: node.dependsOn.macros },
        refs: node.refs.map((r) => ({ name: r.name, package: r.package ?? null, version: r.version ?? null })),
        sources: node.sources.map((s) => [s.source, s.table]),
        columns: node.columns,
      });
      if (node.resourceType !== 'test') {
        Object.assign(base, {
          database: node.relation.database,
          schema: node.relation.schema,
          alias: node.relation.identifier,
          relation_name: node.resourceType === 'model' && node.config.materialized === 'ephemeral' ? null : relationSql(node.relation),
          contract: { enforced: node.config.contract.enforced },
        });
      }
      if (node.resourceType === 'snapshot') Object.assign(base, { patch_path: node.patchPath ?? null });
      if (node.resourceType === 'model') Object.assign(base, { constraints: node.constraints, patch_path: node.patchPath ?? null, prior_reads: node.priorReads });
      if (node.resourceType === 'test') {
        Object.assign(base, {
          test_metadata: node.testMetadata ? { name: node.testMetadata.name, namespace: node.testMetadata.namespace ?? null, kwargs: node.testMetadata.kwargs } : null,
          attached_node: node.attachedNode ?? null,
          column_name: node.columnName ?? null,
        });
      }
      return base;
    }
    case 'source':
      return { ...base, source_name: node.sourceName, database: node.relation.database, schema: node.relation.schema, identifier: node.relation.identifier, relation_name: relationSql(node.relation), columns: node.columns };
    case 'unit_test':
      return { ...base, model: node.model, given: node.definition.given, expect: node.definition.expect, overrides: node.definition.overrides, depends_on: node.dependsOn };
  }
}

/** dbt's `docs` of a node: `show` and `node_color`, from the `docs` config. */
function docsOf(config: object): { show: boolean; node_color: string | null } {
  const docs = (config as { docs?: { show?: unknown; node_color?: unknown } }).docs;
  return { show: docs?.show === undefined ? true : Boolean(docs.show), node_color: typeof docs?.node_color === 'string' ? docs.node_color : null };
}

/** An exposure as manifest.json (and the `graph` variable) has it. */
export function exposureJson(exposure: ExposureNode): Record<string, unknown> {
  const p = exposure.properties;
  return {
    name: exposure.name,
    resource_type: 'exposure',
    package_name: exposure.packageName,
    path: exposure.originalFilePath,
    original_file_path: exposure.originalFilePath,
    unique_id: exposure.uniqueId,
    fqn: exposure.fqn,
    type: p.type,
    owner: { email: p.owner.email ?? null, name: p.owner.name ?? null },
    description: p.description,
    label: p.label ?? null,
    maturity: p.maturity ?? null,
    url: p.url ?? null,
    meta: p.meta,
    tags: p.tags,
    config: { enabled: true, tags: p.tags, meta: p.meta },
    depends_on: { macros: [], nodes: exposure.dependsOn },
    refs: p.dependsOn.flatMap((d) => (d.kind === 'ref' ? [{ name: d.name, package: d.package ?? null, version: null }] : [])),
    sources: p.dependsOn.flatMap((d) => (d.kind === 'source' ? [[d.source, d.table]] : [])),
    metrics: [],
  };
}
