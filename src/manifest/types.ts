import type { NodeConfig } from '../config/types.js';
import type { ColumnConstraint, ExposureProperties, UnitTestProperties } from '../project/types.js';

export type ResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'source' | 'unit_test';

/** Where a relation lives in DuckDB. `database` is the catalog name DuckDB gives the file. */
export interface Relation {
  readonly database: string;
  readonly schema: string;
  readonly identifier: string;
}

/** A column as declared in yml (and, for seeds, as inferred). */
export interface ColumnInfo {
  readonly name: string;
  readonly description: string;
  readonly data_type?: string;
  readonly constraints: readonly ColumnConstraint[];
  readonly meta: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
}

/** A `ref()` call found while rendering. */
export interface RefCall {
  readonly name: string;
  readonly package?: string;
  readonly version?: string | number;
  /** 1-based line in the node's file, when it could be found. */
  readonly line?: number;
}

/** A `source()` call found while rendering. */
export interface SourceCall {
  readonly source: string;
  readonly table: string;
  readonly line?: number;
}

/**
 * A read of another partitioned model's earlier partition, e.g. year N reading year N-1:
 * `{{ prior('fct_workforce_snapshot', simulation_year=var('year') - 1) }}`. It does not
 * create a DAG edge; the runner checks that the partition was built before the node runs.
 */
export interface PropertyLines {
  readonly entry: number;
  readonly columns: Readonly<Record<string, number>>;
}

export interface PriorRead {
  readonly name: string;
  readonly filters: Readonly<Record<string, string | number | boolean>>;
  readonly line?: number;
  /** Set when the read is in an ephemeral model inlined into the node (the node's own file otherwise). */
  readonly file?: string;
}

interface NodeBase {
  /** `model.<project>.<name>`, `seed.<project>.<name>`, `test.<project>.<name>`, `source.<project>.<source>.<table>`. */
  readonly uniqueId: string;
  readonly resourceType: ResourceType;
  readonly name: string;
  readonly packageName: string;
  /** Path relative to its root dir (e.g. 'staging/stg_a.sql'). */
  readonly path: string;
  /** Path relative to the project root (e.g. 'models/staging/stg_a.sql'). */
  readonly originalFilePath: string;
  /** ['project', 'staging', 'stg_a']. */
  readonly fqn: readonly string[];
  readonly description: string;
  readonly tags: readonly string[];
  readonly meta: Readonly<Record<string, unknown>>;
}

interface ExecutableBase extends NodeBase {
  readonly config: NodeConfig;
  readonly rawCode: string;
  readonly checksum: string;
  readonly dependsOn: { readonly nodes: readonly string[]; readonly macros: readonly string[] };
  readonly refs: readonly RefCall[];
  readonly sources: readonly SourceCall[];
  readonly columns: Readonly<Record<string, ColumnInfo>>;
}

export interface ModelNode extends ExecutableBase {
  readonly resourceType: 'model';
  /** undefined for ephemeral models. */
  readonly relation: Relation;
  readonly priorReads: readonly PriorRead[];
  /** Model-level constraints from yml. */
  readonly constraints: readonly (ColumnConstraint & { readonly columns?: readonly string[] })[];
  /** Property file that described it, if any. */
  readonly patchPath?: string;
  /** Lines in the property file (patchPath): the model's entry and each declared column, for contract errors. */
  readonly propertyLines?: PropertyLines;
}

/**
 * A dbt snapshot: the SELECT of a `{% snapshot %}` block (or `select * from` a yml entry's
 * relation), kept as a type-2 history table with dbt_valid_from / dbt_valid_to.
 */
export interface SnapshotNode extends ExecutableBase {
  readonly resourceType: 'snapshot';
  readonly relation: Relation;
  readonly patchPath?: string;
}

export interface SeedNode extends ExecutableBase {
  readonly resourceType: 'seed';
  readonly relation: Relation;
  /** Absolute path of the CSV. */
  readonly absPath: string;
}

export interface TestMetadata {
  /** Generic test name: 'unique', 'accepted_range'... */
  readonly name: string;
  readonly namespace?: string;
  readonly kwargs: Readonly<Record<string, unknown>>;
}

export interface TestNode extends ExecutableBase {
  readonly resourceType: 'test';
  readonly testType: 'generic' | 'singular';
  /** Set for generic tests. */
  readonly testMetadata?: TestMetadata;
  /** unique_id of the model/seed/source the test is attached to. */
  readonly attachedNode?: string;
  readonly columnName?: string;
  /** yml file and line for generic tests. */
  readonly declaredAt?: { readonly file: string; readonly line: number };
}

export interface SourceNode extends NodeBase {
  readonly resourceType: 'source';
  readonly sourceName: string;
  readonly relation: Relation;
  /** dbt-duckdb's `external_location`, formatted: what source() renders instead of the relation (a quoted path or a read_*() call). */
  readonly externalLocation?: string;
  readonly columns: Readonly<Record<string, ColumnInfo>>;
  readonly config: NodeConfig;
}

export interface UnitTestNode extends NodeBase {
  readonly resourceType: 'unit_test';
  /** unique_id of the model under test. */
  readonly model: string;
  readonly definition: UnitTestProperties;
  readonly config: NodeConfig;
  readonly dependsOn: { readonly nodes: readonly string[]; readonly macros: readonly string[] };
}

export type ManifestNode = ModelNode | SeedNode | SnapshotNode | TestNode | SourceNode | UnitTestNode;

/**
 * An exposure (a dashboard, notebook... that uses the project). Not a node of the DAG: nothing
 * runs it; `+exposure:name` selects what it depends on.
 */
export interface ExposureNode {
  readonly uniqueId: string;
  readonly name: string;
  readonly fqn: readonly string[];
  readonly packageName: string;
  readonly originalFilePath: string;
  readonly properties: ExposureProperties;
  /** unique_ids of the models, seeds, snapshots and sources it depends on. */
  readonly dependsOn: readonly string[];
}
export type ExecutableNode = ModelNode | SeedNode | SnapshotNode | TestNode;

export interface MacroNode {
  readonly uniqueId: string;
  readonly name: string;
  readonly packageName: string;
  readonly originalFilePath: string;
  readonly line: number;
  readonly args: readonly string[];
  readonly description: string;
}

/** The rendered project: every node keyed by unique_id, plus macros and docs. */
export interface Manifest {
  readonly projectName: string;
  readonly nodes: ReadonlyMap<string, ManifestNode>;
  readonly macros: ReadonlyMap<string, MacroNode>;
  readonly docs: ReadonlyMap<string, { readonly name: string; readonly contents: string; readonly file: string }>;
  /** Enabled exposures of the property files, by unique_id. */
  readonly exposures?: ReadonlyMap<string, ExposureNode>;
  /**
   * How contracts compare types: `exact` in a plan project (project.yml); `dbt-duckdb` in a dbt
   * project (dbt_project.yml), where, as in dbt-duckdb, any number matches any number and any
   * timestamp any timestamp. Absent means exact.
   */
  readonly contractTypes?: ContractTypeMatching;
}

export type ContractTypeMatching = 'exact' | 'dbt-duckdb';

export function isExecutable(node: ManifestNode): node is ExecutableNode {
  return node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot' || node.resourceType === 'test';
}

/** Fully quoted relation name as used in SQL: "db"."schema"."name". */
export function relationSql(relation: Relation): string {
  return [relation.database, relation.schema, relation.identifier].map(quoteIdent).join('.');
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
