/** The parsed form of --select / --exclude: a tree of set operations over criteria. */
export type SelectionSpec = SelectionCriterion | SelectionUnion | SelectionIntersection | SelectionDifference;

export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';

/** One selector such as `+tag:nightly`, `config.materialized:incremental`, `2+stg_orders+1`, `@x`. */
export interface SelectionCriterion {
  readonly kind: 'criterion';
  /** The text the user wrote, for messages. */
  readonly raw: string;
  /** Resolved method: `fqn`, `path` or `file` when none was written (dbt's default). */
  readonly method: string;
  /** Dotted arguments after the method, e.g. ['contract', 'enforced'] for `config.contract.enforced:`. */
  readonly methodArgs: readonly string[];
  readonly value: string;
  /** `+x` / `2+x`: ancestors, with an optional generation limit. */
  readonly parents: boolean;
  readonly parentsDepth?: number;
  /** `x+` / `x+3`: descendants, with an optional generation limit. */
  readonly children: boolean;
  readonly childrenDepth?: number;
  /** `@x`: x, its descendants, and all ancestors of those. */
  readonly childrensParents: boolean;
  /** A YAML selector's own `indirect_selection`, which wins over --indirect-selection for this criterion. */
  readonly indirectSelection?: IndirectSelection;
}

/** Space-separated selectors, and the several values of --select. */
export interface SelectionUnion {
  readonly kind: 'union';
  readonly raw: string;
  readonly components: readonly SelectionSpec[];
}

/** Comma-separated selectors: `tag:nightly,config.materialized:table`. */
export interface SelectionIntersection {
  readonly kind: 'intersection';
  readonly raw: string;
  readonly components: readonly SelectionSpec[];
}

/** --select minus --exclude. */
export interface SelectionDifference {
  readonly kind: 'difference';
  readonly raw: string;
  readonly include: SelectionSpec;
  readonly exclude: SelectionSpec;
}
