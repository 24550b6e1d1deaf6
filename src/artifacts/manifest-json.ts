import type { Dag } from '../graph/dag.js';
import { exposureJson, nodeJson } from '../manifest/node-json.js';
import type { Manifest } from '../manifest/types.js';

export const MANIFEST_SCHEMA_VERSION = 'https://plan.dev/schemas/manifest/v1.json';

export interface ArtifactMetadata {
  readonly invocationId: string;
  readonly generatedAt: Date;
  readonly planVersion: string;
}

/** The `metadata` block every artifact starts with: plan's schema (if any), the dbt shape it follows, the invocation. */
export function metadataJson(meta: ArtifactMetadata, dbtSchema: string, planSchema?: string): Record<string, unknown> {
  return {
    ...(planSchema ? { schema_version: planSchema } : {}),
    dbt_schema_version: `https://schemas.getdbt.com/dbt/${dbtSchema}.json`,
    plan_version: meta.planVersion,
    generated_at: meta.generatedAt.toISOString(),
    invocation_id: meta.invocationId,
  };
}

/** target/manifest.json, in dbt's shape where it costs nothing (nodes, sources, macros, parent/child maps). */
export function manifestJson(manifest: Manifest, dag: Dag, meta: ArtifactMetadata, selectors: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
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
  const exposures: Record<string, unknown> = {};
  for (const exposure of manifest.exposures?.values() ?? []) {
    exposures[exposure.uniqueId] = exposureJson(exposure);
    parentMap[exposure.uniqueId] = [...exposure.dependsOn].sort();
    childMap[exposure.uniqueId] = [];
    for (const parent of exposure.dependsOn) childMap[parent] = [...(childMap[parent] ?? []), exposure.uniqueId].sort();
  }
  const macros: Record<string, unknown> = {};
  for (const m of manifest.macros.values()) {
    macros[m.uniqueId] = { unique_id: m.uniqueId, name: m.name, package_name: m.packageName, original_file_path: m.originalFilePath, line: m.line, arguments: m.args.map((name) => ({ name })) };
  }
  const docs: Record<string, unknown> = {};
  for (const d of manifest.docs.values()) docs[`doc.${manifest.projectName}.${d.name}`] = { name: d.name, block_contents: d.contents, original_file_path: d.file };
  return {
    metadata: { ...metadataJson(meta, 'manifest/v12', MANIFEST_SCHEMA_VERSION), project_name: manifest.projectName, adapter_type: 'duckdb' },
    nodes,
    sources,
    macros,
    docs,
    unit_tests: unitTests,
    // Read from property files but not modelled: present and empty, as tools that read dbt's
    // manifest expect every top-level key.
    exposures,
    metrics: {},
    groups: {},
    semantic_models: {},
    saved_queries: {},
    // selectors.yml's entries as written, by name.
    selectors,
    disabled: {},
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
  };
}
