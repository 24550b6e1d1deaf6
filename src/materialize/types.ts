import type { ColumnSchema, EngineConnection } from '../engine/types.js';
import type { ModelNode, PriorRead, Relation, SeedNode } from '../manifest/types.js';

export interface MaterializeRequest {
  /** relation and config (materialized, unique_key, incremental_strategy, on_schema_change, partition_by, full_refresh). */
  readonly node: ModelNode;
  /** Already rendered; may end with ';' or a '--' comment. */
  readonly compiledSql: string;
  readonly conn: EngineConnection;
  readonly fullRefresh: boolean;
  /** Rendered SQL, run before the build (inside the same transaction). */
  readonly preHooks: readonly string[];
  readonly postHooks: readonly string[];
  /**
   * When set (enforced contract), tables/incrementals are created with this column DDL
   * (e.g. ['"id" INTEGER NOT NULL PRIMARY KEY', '"name" VARCHAR']) plus tableConstraints, then
   * filled with INSERT INTO ... SELECT <columns in declared order> FROM (sql).
   */
  readonly columnDdl?: readonly string[];
  /** e.g. 'PRIMARY KEY ("a", "b")', 'CHECK (x > 0)'. */
  readonly tableConstraints?: readonly string[];
  /**
   * Called inside the build's transaction with the partitions it wrote (models with partition_by),
   * so what records them (the plan_partitions registry) commits or rolls back with the rows.
   */
  readonly recordPartitions?: (tx: EngineConnection, partitions: readonly Record<string, unknown>[]) => Promise<void>;
  /** The prior() partitions the compiled SQL reads (an incremental reading only other partitions of itself can skip staging). */
  readonly priorReads?: readonly PriorRead[];
  /** Called with the new SQL's output columns BEFORE anything existing is touched; throw (ContractError) to abort. */
  readonly checkColumns?: (columns: readonly ColumnSchema[]) => void | Promise<void>;
  /**
   * A custom incremental strategy (dbt's `get_incremental_<name>_sql` macro of the project or a
   * package): `has` says whether one exists; `sql` renders it for the staged rows.
   */
  readonly customStrategy?: CustomStrategy;
  /** materialized='external': the profile's external_root and the project folder relative paths resolve against. */
  readonly external?: { readonly root?: string; readonly projectDir: string };
}

export interface MaterializeResult {
  readonly rowsAffected: number | null;
  /** e.g. 'CREATE TABLE (1200 rows)', 'INSERT 30 rows', 'CREATE VIEW'. */
  readonly message: string;
  /** For models with partition_by: the partition_by column -> value tuples this build wrote. */
  readonly builtPartitions?: readonly Record<string, unknown>[];
}

export interface SeedRequest {
  readonly node: SeedNode;
  readonly conn: EngineConnection;
  readonly fullRefresh: boolean;
}

/** One materialization kind; registered in registry.ts. */
export type Materialization = (req: MaterializeRequest) => Promise<MaterializeResult>;

/** What dbt passes a `get_incremental_<name>_sql(arg_dict)` macro, as plan has it. */
export interface CustomStrategyInput {
  /** The temp table holding the model's new rows (dbt's temp_relation). */
  readonly stage: Relation;
  /** The target's columns after on_schema_change (dbt's dest_columns). */
  readonly columns: readonly ColumnSchema[];
}

export interface CustomStrategy {
  has(strategy: string): boolean;
  sql(strategy: string, input: CustomStrategyInput): string;
}
