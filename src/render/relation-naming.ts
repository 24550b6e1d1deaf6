import type { NodeConfig, TargetConfig } from '../config/types.js';
import type { Relation } from '../manifest/types.js';
import type { RenderSession } from './render-session.js';
import { newFrame } from './render-state.js';

/**
 * Where a model or seed is built. dbt's defaults: schema is the target schema, or
 * `<target schema>_<custom schema>` when `schema` is configured; the identifier is the alias or the
 * name. A project that defines generate_schema_name / generate_alias_name macros overrides these,
 * as in dbt.
 */
export function relationFor(session: RenderSession, target: TargetConfig, name: string, config: NodeConfig, file: string): Relation {
  const custom = config.schema;
  const frame = newFrame({ mode: 'compile', file, nodeName: name, resourceType: 'model', rawCode: '', isIncremental: false, resolvedConfig: config });
  const nodeView = { name, config, resource_type: 'model', original_file_path: file };
  const schema = session.env.hasMacro('generate_schema_name')
    ? session.withFrame(frame, () => String(session.env.callMacro('generate_schema_name', [custom ?? null, nodeView])).trim())
    : custom
      ? `${target.schema}_${custom}`
      : target.schema;
  const identifier = session.env.hasMacro('generate_alias_name')
    ? session.withFrame(frame, () => String(session.env.callMacro('generate_alias_name', [config.alias ?? null, nodeView])).trim())
    : (config.alias ?? name);
  return { database: config.database ?? target.database, schema, identifier };
}
