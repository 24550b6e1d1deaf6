import type { NodeConfig, OnSchemaChange } from './types.js';
import type { ResourceType } from './config-names.js';
import { normalizeConfigKey } from './config-names.js';
import { isPlainObject } from './key-path.js';

/** Configs whose values add up across layers instead of the later one winning (dbt: "append"). */
const APPEND = new Set(['tags', 'pre_hook', 'post_hook']);
/** Configs whose mappings merge key by key (dbt: "update"). */
const UPDATE = new Set(['meta', 'docs', 'contract', 'column_types', 'persist_docs', 'quoting', 'grants']);

function toList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A hook written as `{sql: ..., transaction: ...}` keeps only its SQL. */
function hookText(value: unknown): string {
  if (isPlainObject(value) && typeof value.sql === 'string') return value.sql;
  return String(value);
}

function appendUnique(existing: unknown, added: unknown): string[] {
  const out = toList(existing).map(String);
  for (const item of toList(added).map(String)) if (!out.includes(item)) out.push(item);
  return out;
}

/**
 * Merges config layers, outermost first, without defaults: keys are normalized (`+pre-hook` ->
 * `pre_hook`), later layers win, `tags` (deduped) and hooks accumulate, and mapping configs
 * (`meta`, `docs`, `contract`, `column_types`...) merge shallowly.
 */
export function mergeConfigLayers(layers: readonly Readonly<Record<string, unknown>>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [rawKey, value] of Object.entries(layer)) {
      const key = normalizeConfigKey(rawKey);
      if (value === undefined) continue;
      if (key === 'tags') out.tags = appendUnique(out.tags, value);
      else if (APPEND.has(key)) out[key] = [...toList(out[key]).map(hookText), ...toList(value).map(hookText)];
      else if (UPDATE.has(key) && isPlainObject(value) && isPlainObject(out[key])) out[key] = { ...(out[key] as object), ...value };
      else if (UPDATE.has(key) && isPlainObject(value)) out[key] = { ...value };
      else out[key] = value;
    }
  }
  return out;
}

const DEFAULT_MATERIALIZED: Readonly<Record<ResourceType, string>> = {
  model: 'view',
  seed: 'seed',
  snapshot: 'snapshot',
  test: 'test',
  source: 'source',
  unit_test: 'unit',
};

/**
 * A node's final config: the layers merged (see mergeConfigLayers), then dbt's defaults filled
 * in. Values are assumed checked already (checkConfigBlock); odd shapes are coerced, not rejected.
 */
export function mergeNodeConfig(resourceType: ResourceType, layers: readonly Readonly<Record<string, unknown>>[]): NodeConfig {
  const merged = mergeConfigLayers(layers);
  const contract = isPlainObject(merged.contract) ? merged.contract : {};
  const config: Record<string, unknown> = {
    ...merged,
    enabled: merged.enabled === undefined || merged.enabled === null ? true : merged.enabled !== false,
    materialized: typeof merged.materialized === 'string' ? merged.materialized : DEFAULT_MATERIALIZED[resourceType],
    tags: toList(merged.tags).map(String),
    pre_hook: toList(merged.pre_hook).map(hookText),
    post_hook: toList(merged.post_hook).map(hookText),
    column_types: isPlainObject(merged.column_types) ? merged.column_types : {},
    meta: isPlainObject(merged.meta) ? merged.meta : {},
    contract: { ...contract, enforced: contract.enforced === true },
    on_schema_change: (typeof merged.on_schema_change === 'string' ? merged.on_schema_change : 'ignore') as OnSchemaChange,
  };
  if (merged.partition_by !== undefined && merged.partition_by !== null) config.partition_by = toList(merged.partition_by).map(String);
  if (merged.partitions !== undefined && merged.partitions !== null) config.partitions = toList(merged.partitions).map((p) => toList(p).map(String));
  for (const key of ['schema', 'database', 'alias', 'where', 'limit', 'full_refresh', 'store_failures'] as const) {
    if (config[key] === null) delete config[key];
  }
  if (resourceType === 'test') {
    config.severity = typeof merged.severity === 'string' ? merged.severity.toLowerCase() : 'error';
    config.warn_if = typeof merged.warn_if === 'string' ? merged.warn_if : '!=0';
    config.error_if = typeof merged.error_if === 'string' ? merged.error_if : '!=0';
  }
  return config as unknown as NodeConfig;
}
