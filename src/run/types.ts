import type { ExecutableNode, ManifestNode, UnitTestNode } from '../manifest/types.js';
import type { Row } from '../engine/types.js';

export type NodeStatus = 'success' | 'error' | 'skipped' | 'warn' | 'pass' | 'fail';

/** What happened to one node; failures are values, not exceptions (dbt's RunResult). */
export interface NodeResult {
  readonly uniqueId: string;
  readonly status: NodeStatus;
  readonly message: string;
  /** Seconds. */
  readonly executionTime: number;
  readonly startedAt: string;
  readonly completedAt: string;
  readonly rowsAffected?: number | null;
  /** Failing rows of a test, or rows of a contract diff. */
  readonly failures?: number;
  readonly preview?: readonly Row[];
  readonly compiledSql?: string;
  /** Where the problem is, for errors: file and 1-based line of the node's source. */
  readonly file?: string;
  readonly line?: number;
  readonly hint?: string;
  /** A longer explanation printed under the node line (contract diff table, row diff...). */
  readonly detail?: string;
}

export type RunnableNode = ExecutableNode | UnitTestNode;

export function isRunnable(node: ManifestNode): node is RunnableNode {
  if (node.resourceType === 'model') return node.config.materialized !== 'ephemeral';
  return node.resourceType === 'seed' || node.resourceType === 'snapshot' || node.resourceType === 'test' || node.resourceType === 'unit_test';
}

/** Which outcomes stop the nodes downstream from running. */
export function blocksDownstream(result: NodeResult): boolean {
  return result.status === 'error' || result.status === 'fail' || result.status === 'skipped';
}
