import type { Relation } from '../manifest/types.js';

/** What ref() and source() resolve to at compile time. */
export interface RefTarget {
  readonly uniqueId: string;
  readonly relation: Relation;
  readonly ephemeral: boolean;
  /** Columns partitioned by, for prior() checks. */
  readonly partitionBy?: readonly string[];
  /** A source read from files (dbt-duckdb's external_location): rendered instead of the relation. */
  readonly externalLocation?: string;
}

export interface RelationIndex {
  ref(name: string, pkg?: string): RefTarget | undefined;
  source(sourceName: string, table: string): RefTarget | undefined;
  /** Every ref-able name, for did-you-mean hints. */
  refNames(): readonly string[];
  sourceNames(): readonly string[];
  doc(name: string): string | undefined;
}

export const EMPTY_INDEX: RelationIndex = {
  ref: () => undefined,
  source: () => undefined,
  refNames: () => [],
  sourceNames: () => [],
  doc: () => undefined,
};

/** CTE name an ephemeral model is inlined as, the same as dbt's. */
export function ephemeralCteName(modelName: string): string {
  return `__dbt__cte__${modelName}`;
}
