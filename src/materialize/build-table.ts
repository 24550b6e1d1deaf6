import type { EngineConnection } from '../engine/types.js';
import { quoteIdent, relationSql } from '../manifest/types.js';
import type { Relation } from '../manifest/types.js';
import { runHooks } from './hooks.js';
import { countRows, distinctPartitions, dropAnyRelation, dropSql, ensureSchema, tmpRelation } from './relation-ops.js';

export interface TableBuild {
  readonly relation: Relation;
  /** Create and fill the table named by `tmpSql` (fully qualified) on `conn`; returns the rows written when DuckDB said. */
  readonly fill: (conn: EngineConnection, tmpSql: string) => Promise<number | undefined>;
  readonly preHooks: readonly string[];
  readonly postHooks: readonly string[];
  readonly partitionBy?: readonly string[];
  /** Called in the transaction with the partitions the new table holds. */
  readonly recordPartitions?: (tx: EngineConnection, partitions: readonly Record<string, unknown>[]) => Promise<void>;
}

export interface TableBuildResult {
  readonly rows: number;
  readonly builtPartitions?: readonly Record<string, unknown>[];
}

/**
 * Build into `<name>__plan_tmp`, then drop the old relation (table or view) and rename the
 * tmp table, all in one transaction: any failure leaves the previous relation and its rows
 * untouched, and no tmp relation behind. The relation lookups are answered by the engine's
 * relation cache, so besides BEGIN/COMMIT this sends the fill, DROP and RENAME only.
 */
export async function buildTable(conn: EngineConnection, build: TableBuild): Promise<TableBuildResult> {
  const { relation } = build;
  const tmp = tmpRelation(relation);
  const tmpSql = relationSql(tmp);
  await ensureSchema(conn, relation);
  await dropAnyRelation(conn, tmp); // left over from a crashed run
  try {
    return await conn.transaction(async (tx) => {
      await runHooks(tx, build.preHooks, 'pre-hook');
      const rows = (await build.fill(tx, tmpSql)) ?? (await countRows(tx, tmpSql));
      const builtPartitions = build.partitionBy?.length ? await distinctPartitions(tx, tmpSql, build.partitionBy) : undefined;
      const oldKind = await tx.relationKind(relation.database, relation.schema, relation.identifier);
      if (oldKind) await tx.run(dropSql(relation, oldKind));
      await tx.run(`ALTER TABLE ${tmpSql} RENAME TO ${quoteIdent(relation.identifier)}`);
      await runHooks(tx, build.postHooks, 'post-hook');
      if (builtPartitions && build.recordPartitions) await build.recordPartitions(tx, builtPartitions);
      return { rows, builtPartitions };
    });
  } finally {
    // The transaction rolled back anything it created; this only guards against DuckDB
    // having ended the transaction early.
    await dropAnyRelation(conn, tmp).catch(() => undefined);
  }
}
