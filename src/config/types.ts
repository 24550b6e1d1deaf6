/**
 * Validated configuration, as produced by the config loaders. Keys of node configs stay in
 * dbt's snake_case (`unique_key`, `pre_hook`) because they are also what users select on
 * (`config.materialized:table`) and what the manifest shows.
 */

/** A `models:` / `seeds:` / `data_tests:` tree from project.yml: `+key` entries and nested folder keys. */
export type ConfigTree = { readonly [key: string]: unknown };

/** Command-line values that win over the project file (dbt's --profile and --target-path). */
export interface ConfigOverrides {
  readonly profile?: string;
  readonly targetPath?: string;
}

export interface ProjectConfig {
  /** 'project.yml' or 'dbt_project.yml' (relative to the project root). */
  readonly configFile: string;
  readonly flavor: 'plan' | 'dbt';
  readonly name: string;
  readonly version?: string;
  readonly profile: string;
  readonly modelPaths: readonly string[];
  readonly snapshotPaths: readonly string[];
  /** Where `dbt deps` installs packages (packages-install-path, default dbt_packages). */
  readonly packagesInstallPath: string;
  readonly seedPaths: readonly string[];
  readonly macroPaths: readonly string[];
  readonly testPaths: readonly string[];
  readonly docsPaths: readonly string[];
  /** analysis-paths: SQL that `plan compile` renders (ref, source, macros) and never runs. */
  readonly analysisPaths: readonly string[];
  readonly targetPath: string;
  readonly cleanTargets: readonly string[];
  /** Global vars plus vars scoped under the project name, flattened (scoped win). */
  readonly vars: Readonly<Record<string, unknown>>;
  readonly onRunStart: readonly string[];
  readonly onRunEnd: readonly string[];
  readonly models: ConfigTree;
  readonly seeds: ConfigTree;
  readonly snapshots: ConfigTree;
  readonly dataTests: ConfigTree;
  readonly sources: ConfigTree;
  readonly unitTests: ConfigTree;
}

export interface TargetConfig {
  readonly profileName: string;
  readonly targetName: string;
  /** The profiles.yml file this came from (absolute). */
  readonly profilesFile: string;
  readonly type: 'duckdb';
  /** Absolute path of the database file, or ':memory:'. */
  readonly path: string;
  /** Database name DuckDB gives the file (its basename without extension), 'memory' for :memory:. */
  readonly database: string;
  /** Default schema, 'main' unless set. */
  readonly schema: string;
  readonly threads: number;
  /** DuckDB settings applied with SET at connect (memory_limit, threads, temp_directory...). */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  /** Extensions to LOAD at connect. */
  readonly extensions: readonly string[];
  /** Other databases to ATTACH at connect (dbt-duckdb's `attach`), paths resolved. */
  readonly attach: readonly AttachedDatabase[];
  /** Rows per row group for the database file (profile `row_group_size`); the engine's default when unset. */
  readonly rowGroupSize?: number;
  /** dbt-duckdb's `external_root`: where `materialized='external'` models write their files without a `location` (relative: to the project folder). */
  readonly externalRoot?: string;
}

/** One entry of a profile's `attach` list (dbt-duckdb's keys). */
export interface AttachedDatabase {
  /** A file path (absolute once loaded), ':memory:', or a URL / connection string for `type`. */
  readonly path: string;
  /** The catalog name; DuckDB's default (the file's stem) when unset. */
  readonly alias?: string;
  /** The database type, e.g. sqlite or postgres (its extension must be loadable). */
  readonly type?: string;
  readonly readOnly?: boolean;
  /** Further ATTACH options, e.g. { block_size: 16384 }. */
  readonly options?: Readonly<Record<string, string | number | boolean>>;
  /** Where the entry is written (profiles.yml and its line), for errors. */
  readonly declaredAt?: { readonly file: string; readonly line?: number };
}

export type Materialized = 'view' | 'table' | 'incremental' | 'ephemeral' | 'seed' | 'test' | 'unit';

export type OnSchemaChange = 'ignore' | 'fail' | 'append_new_columns' | 'sync_all_columns';

/**
 * A node's merged config: project.yml folder config, then property-file `config:`, then the
 * model's own `config()` call, later winning (tags and hooks accumulate, meta merges).
 * Unknown keys are kept (dbt projects carry adapter-specific ones) and are selectable.
 */
export interface NodeConfig {
  readonly enabled: boolean;
  readonly materialized: string;
  readonly tags: readonly string[];
  readonly schema?: string;
  readonly database?: string;
  readonly alias?: string;
  readonly pre_hook: readonly string[];
  readonly post_hook: readonly string[];
  readonly column_types: Readonly<Record<string, string>>;
  readonly contract: { readonly enforced: boolean };
  readonly unique_key?: string | readonly string[];
  readonly incremental_strategy?: string;
  readonly on_schema_change: OnSchemaChange;
  /** Columns an incremental model is partitioned by; see docs/partitions.md. */
  readonly partition_by?: readonly string[];
  /**
   * insert_overwrite's static partitions (dbt-bigquery): the partitions a build replaces, each a
   * list of SQL expressions in partition_by order. Known up front, the new rows need no stage.
   */
  readonly partitions?: readonly (readonly string[])[];
  readonly full_refresh?: boolean;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly docs?: { readonly show?: boolean };
  // data test config
  readonly severity?: 'error' | 'warn';
  readonly warn_if?: string;
  readonly error_if?: string;
  readonly where?: string;
  readonly limit?: number;
  readonly store_failures?: boolean;
  readonly [key: string]: unknown;
}
