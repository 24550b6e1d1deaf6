import type { EngineConnection } from '../engine/types.js';
import { quoteLiteral } from '../engine/sql-text.js';
import { quoteIdent, relationSql, type ModelNode, type SeedNode } from '../manifest/types.js';

/**
 * dbt's `persist_docs` (as dbt-duckdb since 1.7): after a build, the node's description becomes
 * the relation's comment (`relation: true`) and each described column's description its column's
 * comment (`columns: true`; columns the relation does not have are skipped).
 */
export async function persistDocs(conn: EngineConnection, node: ModelNode | SeedNode): Promise<void> {
  const persist = node.config.persist_docs as { relation?: unknown; columns?: unknown } | undefined;
  if (!persist || (node.resourceType === 'model' && node.config.materialized === 'ephemeral')) return;
  const relation = relationSql(node.relation);
  const kind = node.resourceType === 'model' && node.config.materialized === 'view' ? 'VIEW' : 'TABLE';
  if (persist.relation === true && node.description) await conn.run(`COMMENT ON ${kind} ${relation} IS ${quoteLiteral(node.description)}`);
  const described = Object.values(node.columns).filter((c) => c.description);
  if (persist.columns !== true || described.length === 0) return;
  const present = new Set((await conn.describeRelation(node.relation.database, node.relation.schema, node.relation.identifier)).map((c) => c.name.toLowerCase()));
  for (const column of described) {
    if (present.has(column.name.toLowerCase())) await conn.run(`COMMENT ON COLUMN ${relation}.${quoteIdent(column.name)} IS ${quoteLiteral(column.description!)}`);
  }
}
