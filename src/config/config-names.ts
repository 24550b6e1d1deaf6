import { isPlainObject } from './key-path.js';

export type ResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'source' | 'unit_test';

/** Configs every kind of node accepts. */
const COMMON = ['enabled', 'tags', 'meta', 'docs', 'group', 'schema', 'database', 'alias', 'persist_docs', 'quoting', 'event_time'];

/** Configs that run SQL against the database (models, seeds, snapshots). */
const RELATION = [
  'materialized', 'pre_hook', 'post_hook', 'full_refresh', 'grants', 'packages', 'sql_header', 'column_types',
  'contract', 'access', 'on_configuration_change', 'unique_key', 'incremental_strategy', 'on_schema_change',
  'partition_by', 'partitions', 'cluster_by', 'incremental_predicates', 'merge_update_columns', 'merge_exclude_columns', 'batch_size', 'lookback', 'begin', 'concurrent_batches',
  'copy_grants', 'transient', 'indexes', 'dist', 'sort', 'labels', 'constraints_enabled', 'deprecation_date',
  // dbt-duckdb
  'location', 'format', 'delimiter', 'options', 'glue_register', 'glue_database', 'per_thread_output', 'plugin',
  'overwrite_or_ignore',
];

const SEED = ['quote_columns', 'delimiter', 'column_types'];

/** dbt snapshots: the strategy and how the history table is named (dbt 1.8 and 1.9 names). */
const SNAPSHOT = [
  'strategy', 'unique_key', 'updated_at', 'check_cols', 'target_schema', 'target_database', 'invalidate_hard_deletes',
  'hard_deletes', 'dbt_valid_to_current', 'snapshot_meta_column_names',
];

const TEST = ['severity', 'warn_if', 'error_if', 'where', 'limit', 'fail_calc', 'store_failures', 'store_failures_as', 'materialized'];

const SOURCE = ['loaded_at_field', 'loaded_at_query', 'freshness', 'external', 'identifier', 'external_location', 'formatter'];

const UNIT_TEST = ['tags', 'meta', 'enabled'];

const NAMES: Readonly<Record<ResourceType, ReadonlySet<string>>> = {
  model: new Set([...COMMON, ...RELATION]),
  seed: new Set([...COMMON, ...RELATION, ...SEED]),
  snapshot: new Set([...COMMON, ...RELATION, ...SNAPSHOT]),
  test: new Set([...COMMON, ...TEST]),
  source: new Set([...COMMON, ...SOURCE]),
  unit_test: new Set([...UNIT_TEST]),
};

/** Configs whose value is itself a mapping (so a mapping value does not make the key a folder). */
export const MAPPING_CONFIGS: ReadonlySet<string> = new Set([
  'meta', 'docs', 'persist_docs', 'quoting', 'grants', 'column_types', 'contract', 'freshness', 'options', 'labels',
  'external', 'event_time', 'snapshot_meta_column_names',
]);

const ANY: ReadonlySet<string> = new Set(Object.values(NAMES).flatMap((names) => [...names]));

/** Config names a resource type accepts; 'any' is the union over all types. */
export function knownConfigNames(resourceType: ResourceType | 'any'): ReadonlySet<string> {
  return resourceType === 'any' ? ANY : NAMES[resourceType];
}

/** `+pre-hook` -> `pre_hook`, `+materialized` -> `materialized`. */
export function normalizeConfigKey(key: string): string {
  const bare = key.startsWith('+') ? key.slice(1) : key;
  if (bare === 'pre-hook') return 'pre_hook';
  if (bare === 'post-hook') return 'post_hook';
  return bare;
}

/**
 * In a `models:` tree, is this key a config (rather than a project or folder name)?
 * `+key` always is; a bare key is when it names a known config and its value has the shape
 * of that config (a mapping under `staging:` means a folder, unless the config takes a mapping).
 */
export function isConfigKey(resourceType: ResourceType | 'any', key: string, value: unknown): boolean {
  if (key.startsWith('+')) return true;
  const name = normalizeConfigKey(key);
  if (!knownConfigNames(resourceType).has(name)) return false;
  return !isPlainObject(value) || MAPPING_CONFIGS.has(name);
}
