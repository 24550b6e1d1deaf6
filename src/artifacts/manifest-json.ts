import type { Dag } from '../graph/dag.js';
import { relationSql, type Manifest, type ManifestNode } from '../manifest/types.js';

export const MANIFEST_SCHEMA_VERSION = 'https://plan.dev/schemas/manifest/v1.json';

export interface ArtifactMetadata {
  readonly invocationId: string;
  readonly generatedAt: Date;
  readonly planVersion: string;
}

/** target/manifest.json, in dbt's shape where it costs nothing (nodes, sources, macros, parent/child maps). */
export function manifestJson(manifest: Manifest, dag: Dag, meta: ArtifactMetadata): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  const unitTests: Record<string, unknown> = {};
  for (const node of manifest.nodes.values()) {
    const json = nodeJson(node);
    if (node.resourceType === 'source') sources[node.uniqueId] = json;
    else if (node.resourceType === 'unit_test') unitTests[node.uniqueId] = json;
    else nodes[node.uniqueId] = json;
  }
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const id of dag.nodes()) {
    parentMap[id] = [...dag.parents(id)].sort();
    childMap[id] = [...dag.children(id)].sort();
  }
  const macros: Record<string, unknown> = {};
  for (const m of manifest.macros.values()) {
    macros[m.uniqueId] = { unique_id: m.uniqueId, name: m.name, package_name: m.packageName, original_file_path: m.originalFilePath, line: m.line, arguments: m.args.map((name) => ({ name })) };
  }
  const docs: Record<string, unknown> = {};
  for (const d of manifest.docs.values()) docs[`doc.${manifest.projectName}.${d.name}`] = { name: d.name, block_contents: d.contents, original_file_path: d.file };
  return {
    metadata: {
      schema_version: MANIFEST_SCHEMA_VERSION,
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      plan_version: meta.planVersion,
      generated_at: meta.generatedAt.toISOString(),
      invocation_id: meta.invocationId,
      project_name: manifest.projectName,
      adapter_type: 'duckdb',
    },
    nodes,
    sources,
    macros,
    docs,
    unit_tests: unitTests,
    parent_map: parentMap,
    child_map: childMap,
  };
}

function nodeJson(node: ManifestNode): Record<string, unknown> {
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
