import type { NodeConfig, TargetConfig } from '../config/types.js';
import type { Relation } from '../manifest/types.js';
import type { RenderSession } from './render-session.js';
import { newFrame } from './render-state.js';

/** What generate_schema_name / generate_alias_name see of the node being named (dbt passes the parsed node). */
export interface NamedNode {
  readonly resourceType: 'model' | 'seed' | 'snapshot';
  readonly name: string;
  readonly packageName: string;
  readonly fqn: readonly string[];
  /** Relative to the node's resource folder (models/, seeds/, ...), as dbt's `node.path`. */
  readonly path: string;
  readonly originalFilePath: string;
}

/**
 * Where a model, seed or snapshot is built. dbt's defaults: schema is the target schema, or
 * `<target schema>_<custom schema>` when `schema` is configured; the identifier is the alias or the
 * name. A project that defines generate_schema_name / generate_alias_name macros overrides these,
 * as in dbt, and the macros get the node's resource_type, fqn, path, package_name and unique_id.
 */
export function relationFor(session: RenderSession, target: TargetConfig, node: NamedNode, config: NodeConfig): Relation {
  const custom = config.schema;
  const frame = newFrame({
    mode: 'compile',
    file: node.originalFilePath,
    nodeName: node.name,
    resourceType: node.resourceType,
    rawCode: '',
    isIncremental: false,
    resolvedConfig: config,
  });
  const nodeView = {
    name: node.name,
    resource_type: node.resourceType,
    package_name: node.packageName,
    unique_id: `${node.resourceType}.${node.packageName}.${node.name}`,
    fqn: [...node.fqn],
    path: node.path,
    original_file_path: node.originalFilePath,
    config,
    tags: config.tags,
    alias: config.alias ?? node.name,
  };
  const schema = session.env.hasMacro('generate_schema_name')
    ? session.withFrame(frame, () => String(session.env.callMacro('generate_schema_name', [custom ?? null, nodeView])).trim())
    : custom
      ? `${target.schema}_${custom}`
      : target.schema;
  const identifier = session.env.hasMacro('generate_alias_name')
    ? session.withFrame(frame, () => String(session.env.callMacro('generate_alias_name', [config.alias ?? null, nodeView])).trim())
    : (config.alias ?? node.name);
  return { database: config.database ?? target.database, schema, identifier };
}
