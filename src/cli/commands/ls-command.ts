import type { ExposureNode, ManifestNode } from '../../manifest/types.js';
import { relationSql } from '../../manifest/types.js';
import { exposureJson } from '../../manifest/node-json.js';
import { prepareForCommand } from '../prepare-for-command.js';
import { DEFAULT_LIST_SELECT, selectExposures, selectNodes } from '../../select/index.js';
import { filterByResourceType, selectionSpecOf } from '../../pipeline/selection.js';
import { previousStateOf, type ProjectOptions, type SelectionOptions } from '../common-options.js';
import { writeLine, type CliIO } from '../io.js';

export interface LsOptions extends ProjectOptions, SelectionOptions {
  readonly resourceType?: string[];
  readonly excludeResourceType?: string[];
  readonly output?: 'selector' | 'name' | 'path' | 'json';
  readonly outputKeys?: string[];
}

/** plan ls: the selected nodes, one per line, or one JSON document with --output json. No database. */
export async function lsCommand(options: LsOptions, io: CliIO): Promise<number> {
  const prepared = prepareForCommand(options, io, 'list');
  const { manifest } = prepared.rendered;
  const spec = selectionSpecOf(prepared, options, DEFAULT_LIST_SELECT);
  const byType = { resourceTypes: options.resourceType, excludeResourceTypes: options.excludeResourceType };
  const selected = filterByResourceType(selectNodes(manifest, prepared.dag, spec, { indirectSelection: options.indirectSelection, previous: previousStateOf(options, io.cwd) }), manifest, byType);
  const nodes = [...selected]
    .map((id) => manifest.nodes.get(id))
    .filter((n): n is ManifestNode => n !== undefined);
  // Exposures are listed as dbt lists them (after the nodes), but they are not DAG nodes.
  const keepsExposures = (byType.resourceTypes ?? ['exposure']).includes('exposure') && !(byType.excludeResourceTypes ?? []).includes('exposure');
  const exposures = keepsExposures ? [...selectExposures(spec, manifest)].sort().map((id) => manifest.exposures!.get(id)!) : [];

  if (options.output === 'json') {
    const docs = [...nodes.map(nodeSummary), ...exposures.map(exposureJson)].map((doc) => pickKeys(doc, options.outputKeys));
    io.stdout.write(`${JSON.stringify(docs, null, 2)}\n`);
    return 0;
  }
  for (const node of nodes) writeLine(io.stdout, formatNode(node, options.output ?? 'selector'));
  for (const exposure of exposures) writeLine(io.stdout, formatExposure(exposure, options.output ?? 'selector'));
  return 0;
}

function formatNode(node: ManifestNode, output: 'selector' | 'name' | 'path'): string {
  if (output === 'name') return node.name;
  if (output === 'path') return node.originalFilePath;
  if (node.resourceType === 'source') return `source:${node.fqn.join('.')}`;
  if (node.resourceType === 'unit_test') return `unit_test:${node.fqn.join('.')}`;
  return node.fqn.join('.');
}

function formatExposure(exposure: ExposureNode, output: 'selector' | 'name' | 'path'): string {
  if (output === 'name') return exposure.name;
  if (output === 'path') return exposure.originalFilePath;
  return `exposure:${exposure.fqn.join('.')}`;
}

function nodeSummary(node: ManifestNode): Record<string, unknown> {
  const base: Record<string, unknown> = {
    name: node.name,
    resource_type: node.resourceType,
    package_name: node.packageName,
    original_file_path: node.originalFilePath,
    unique_id: node.uniqueId,
    fqn: node.fqn,
    tags: node.tags,
    config: 'config' in node ? node.config : {},
  };
  if ('dependsOn' in node) base.depends_on = node.dependsOn;
  if ('relation' in node && node.relation) base.relation_name = relationSql(node.relation);
  if (node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot') base.alias = node.relation.identifier;
  return base;
}

function pickKeys(doc: Record<string, unknown>, keys: readonly string[] | undefined): Record<string, unknown> {
  if (!keys || keys.length === 0) return doc;
  return Object.fromEntries(keys.flatMap((k) => k.split(',')).map((k) => [k, doc[k] ?? null]));
}
