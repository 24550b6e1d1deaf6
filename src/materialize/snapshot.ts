import { parenthesize } from '../engine/sql-text.js';
import type { ColumnSchema, EngineConnection } from '../engine/types.js';
import { quoteIdent, relationSql, type SnapshotNode } from '../manifest/types.js';
import { runHooks } from './hooks.js';
import { countOf, runModelStatement, withModelLine } from './model-sql.js';
import { diffColumns } from './schema-change.js';
import { ensureSchema } from './relation-ops.js';

/**
 * dbt snapshots on DuckDB: a type-2 history of the snapshot query's rows. The first run copies
 * the rows with dbt_valid_from = the row's time and dbt_valid_to = null (or dbt_valid_to_current).
 * Later runs, in one transaction: rows whose key is new, or whose current version changed (the
 * timestamp strategy: updated_at later than the version's dbt_valid_from; check: a check column
 * differs), get a new version dated by updated_at (the check strategy without it: the snapshot
 * time), and the version they replace is closed (dbt_valid_to = the new version's time). Current
 * versions whose key left the query: kept (hard_deletes = ignore), closed at the snapshot time
 * (invalidate), or closed and followed by a record of the deletion with dbt_is_deleted = 'True'
 * (new_record; a key that comes back closes that record and gets a new version). Columns new in
 * the query are added to the table.
 */
export interface SnapshotRequest {
  readonly node: SnapshotNode;
  readonly compiledSql: string;
  readonly conn: EngineConnection;
  readonly preHooks: readonly string[];
  readonly postHooks: readonly string[];
  /** The snapshot time (dbt's snapshot_get_time()): new versions of the check strategy, invalidated deletes. */
  readonly now: Date;
}

export interface SnapshotResult {
  readonly inserted: number;
  readonly closed: number;
  readonly message: string;
}

interface MetaNames {
  readonly scdId: string;
  readonly updatedAt: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** With hard_deletes = new_record: 'True' on the record of a deletion, else 'False' (dbt's text values). */
  readonly isDeleted: string;
}

const KEY = '__plan_snapshot_key';
const TIME = '__plan_snapshot_time';

export async function materializeSnapshot(req: SnapshotRequest): Promise<SnapshotResult> {
  const { node, conn } = req;
  const strategy = snapshotStrategy(node, req.now);
  const meta = metaNames(node);
  const target = relationSql(node.relation);
  const stageName = quoteIdent(`${node.relation.identifier}__plan_stage`);
  const stage = `temp.main.${stageName}`;
  await ensureSchema(conn, node.relation);
  const exists = (await conn.relationKind(node.relation.database, node.relation.schema, node.relation.identifier)) !== null;
  let staged = false;
  try {
    return await conn.transaction(async (tx) => {
      await runHooks(tx, req.preHooks, 'pre-hook');
      staged = true;
      await runModelStatement(
        tx,
        `CREATE OR REPLACE TEMP TABLE ${stageName} AS SELECT *, ${strategy.key} AS ${KEY}, ${strategy.time} AS ${TIME} FROM ${parenthesize(req.compiledSql)} AS snapshot_query`,
        req.compiledSql,
      );
      const stageColumns = (await tx.describeQuery(`SELECT * FROM ${stage}`)).filter((c) => c.name !== KEY && c.name !== TIME);
      const result = exists ? await updateHistory(tx, req, strategy, meta, target, stage, stageColumns) : await firstVersions(tx, strategy, meta, target, stage, stageColumns);
      await tx.run(`DROP TABLE ${stage}`);
      staged = false;
      await runHooks(tx, req.postHooks, 'post-hook');
      return result;
    });
  } finally {
    if (staged) await conn.run(`DROP TABLE IF EXISTS ${stage}`).catch(() => undefined);
  }
}

interface Strategy {
  /** SQL of the row's key over the query's columns (a list of columns is joined with '|'). */
  readonly key: string;
  /** SQL of the row's version time: the updated_at column, or the snapshot time (check). */
  readonly time: string;
  /** Condition on `c` (current version) and `s` (query row) that the row changed. */
  changed(columns: readonly ColumnSchema[]): string;
  readonly hardDeletes: 'ignore' | 'invalidate' | 'new_record';
  readonly now: string;
  readonly validToCurrent?: string;
}

function snapshotStrategy(node: SnapshotNode, now: Date): Strategy {
  const config = node.config as Record<string, unknown>;
  const uniqueKey = config.unique_key;
  const key = Array.isArray(uniqueKey) ? `concat_ws('|', ${uniqueKey.map((c) => `CAST(${String(c)} AS VARCHAR)`).join(', ')})` : `CAST((${String(uniqueKey)}) AS VARCHAR)`;
  const nowSql = `CAST('${now.toISOString().replace('T', ' ').replace('Z', '')}' AS TIMESTAMP)`;
  const hardDeletes = (config.hard_deletes ?? (config.invalidate_hard_deletes === true ? 'invalidate' : 'ignore')) as Strategy['hardDeletes'];
  const validToCurrent = typeof config.dbt_valid_to_current === 'string' ? config.dbt_valid_to_current : undefined;
  const common = { key, now: nowSql, hardDeletes, ...(validToCurrent ? { validToCurrent } : {}) };
  if (config.strategy === 'timestamp') {
    const meta = metaNames(node);
    return { ...common, time: String(config.updated_at), changed: () => `c.${quoteIdent(meta.validFrom)} < s.${TIME}` };
  }
  const checkCols = config.check_cols;
  return {
    ...common,
    // As dbt (since 1.1.1): a configured updated_at dates the check strategy's versions too.
    time: typeof config.updated_at === 'string' ? config.updated_at : nowSql,
    changed: (columns) => {
      const names = checkCols === 'all' ? columns.map((c) => c.name) : (checkCols as unknown[]).map(String);
      return names.length === 0 ? 'false' : names.map((n) => `c.${quoteIdent(n)} IS DISTINCT FROM s.${quoteIdent(n)}`).join(' OR ');
    },
  };
}

function metaNames(node: SnapshotNode): MetaNames {
  const custom = (node.config as Record<string, unknown>).snapshot_meta_column_names;
  const pick = (key: string, fallback: string): string => {
    const value = custom && typeof custom === 'object' ? (custom as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' && value !== '' ? value : fallback;
  };
  return {
    scdId: pick('dbt_scd_id', 'dbt_scd_id'),
    updatedAt: pick('dbt_updated_at', 'dbt_updated_at'),
    validFrom: pick('dbt_valid_from', 'dbt_valid_from'),
    validTo: pick('dbt_valid_to', 'dbt_valid_to'),
    isDeleted: pick('dbt_is_deleted', 'dbt_is_deleted'),
  };
}

/** The meta columns of a new version (`deleted`: the record of a deletion) keyed `key` and dated `time`. */
function versionColumns(strategy: Strategy, meta: MetaNames, key = `s.${KEY}`, time = `s.${TIME}`, deleted = false): string {
  const validTo = strategy.validToCurrent ? `CASE WHEN false THEN ${time} ELSE ${strategy.validToCurrent} END` : `nullif(${time}, ${time})`;
  return [
    `md5(concat_ws('|', ${key}, CAST(${time} AS VARCHAR)${deleted ? ", 'deleted'" : ''})) AS ${quoteIdent(meta.scdId)}`,
    `${time} AS ${quoteIdent(meta.updatedAt)}`,
    `${time} AS ${quoteIdent(meta.validFrom)}`,
    `${validTo} AS ${quoteIdent(meta.validTo)}`,
    ...(strategy.hardDeletes === 'new_record' ? [`'${deleted ? 'True' : 'False'}' AS ${quoteIdent(meta.isDeleted)}`] : []),
  ].join(', ');
}

function metaColumnList(strategy: Strategy, meta: MetaNames): string[] {
  return [meta.scdId, meta.updatedAt, meta.validFrom, meta.validTo, ...(strategy.hardDeletes === 'new_record' ? [meta.isDeleted] : [])].map(quoteIdent);
}

function currentCondition(strategy: Strategy, meta: MetaNames, alias: string): string {
  const validTo = `${alias}.${quoteIdent(meta.validTo)}`;
  return strategy.validToCurrent ? `(${validTo} IS NULL OR ${validTo} = ${strategy.validToCurrent})` : `${validTo} IS NULL`;
}

async function firstVersions(tx: EngineConnection, strategy: Strategy, meta: MetaNames, target: string, stage: string, columns: readonly ColumnSchema[]): Promise<SnapshotResult> {
  const list = columns.map((c) => `s.${quoteIdent(c.name)}`).join(', ');
  const inserted = countOf(await tx.query(`CREATE TABLE ${target} AS SELECT ${list}, ${versionColumns(strategy, meta)} FROM ${stage} AS s`)) ?? 0;
  return { inserted, closed: 0, message: `SNAPSHOT (${inserted} new row${inserted === 1 ? '' : 's'})` };
}

async function updateHistory(tx: EngineConnection, req: SnapshotRequest, strategy: Strategy, meta: MetaNames, target: string, stage: string, columns: readonly ColumnSchema[]): Promise<SnapshotResult> {
  const { node } = req;
  const newRecord = strategy.hardDeletes === 'new_record';
  const existing = await tx.describeRelation(node.relation.database, node.relation.schema, node.relation.identifier);
  for (const added of diffColumns(existing, columns).added) {
    await tx.run(`ALTER TABLE ${target} ADD COLUMN ${quoteIdent(added.name)} ${added.type}`);
  }
  const isDeleted = quoteIdent(meta.isDeleted);
  if (newRecord && !existing.some((c) => c.name.toLowerCase() === meta.isDeleted.toLowerCase())) {
    await tx.run(`ALTER TABLE ${target} ADD COLUMN ${isDeleted} VARCHAR DEFAULT 'False'`);
  }
  const scd = quoteIdent(meta.scdId);
  // The current version of each key, with the key computed over the table's own columns.
  const current = `(SELECT *, ${strategy.key} AS ${KEY} FROM ${target} AS c WHERE ${currentCondition(strategy, meta, 'c')})`;
  const deletionRecord = (alias: string): string => (newRecord ? `coalesce(${alias}.${isDeleted}, 'False') = 'True'` : 'false');
  const temp = (suffix: string): string => `temp.main.${quoteIdent(`${node.relation.identifier}__plan_${suffix}`)}`;
  const changes = temp('changes');
  const deletions = temp('deletions');
  try {
    // Changed rows, and (new_record) keys that come back after their deletion was recorded.
    await tx.run(
      `CREATE OR REPLACE TEMP TABLE ${changes.slice('temp.main.'.length)} AS SELECT c.${scd} AS scd_id, s.${KEY} AS key, s.${TIME} AS time, s.rowid AS stage_row FROM ${current} AS c JOIN ${stage} AS s ON s.${KEY} = c.${KEY} WHERE (${strategy.changed(columns)}) OR ${deletionRecord('c')}`,
    );
  } catch (error) {
    throw withModelLine(error, req.compiledSql);
  }
  const deletes = strategy.hardDeletes !== 'ignore';
  if (deletes) {
    await tx.run(
      `CREATE OR REPLACE TEMP TABLE ${deletions.slice('temp.main.'.length)} AS SELECT c.${scd} AS scd_id, c.${KEY} AS key FROM ${current} AS c WHERE NOT (${deletionRecord('c')}) AND NOT EXISTS (SELECT 1 FROM ${stage} AS s WHERE s.${KEY} = c.${KEY})`,
    );
  }
  const validTo = quoteIdent(meta.validTo);
  let closed = (await tx.run(`UPDATE ${target} AS t SET ${validTo} = ch.time FROM ${changes} AS ch WHERE t.${scd} = ch.scd_id`)).rowsChanged;
  if (deletes) closed += (await tx.run(`UPDATE ${target} AS t SET ${validTo} = ${strategy.now} FROM ${deletions} AS d WHERE t.${scd} = d.scd_id`)).rowsChanged;
  const list = columns.map((c) => quoteIdent(c.name));
  const metaList = metaColumnList(strategy, meta);
  let inserted = (
    await tx.run(
      `INSERT INTO ${target} (${[...list, ...metaList].join(', ')}) SELECT ${list.map((c) => `s.${c}`).join(', ')}, ${versionColumns(strategy, meta)} FROM ${stage} AS s ` +
        // The rows that differ from their key's current version (as dbt, not every row of a changed
        // key: a query returning a key twice must not re-open the unchanged row), and new keys.
        `WHERE s.rowid IN (SELECT stage_row FROM ${changes}) OR (s.${KEY} NOT IN (SELECT key FROM ${changes}) AND NOT EXISTS (SELECT 1 FROM ${current} AS c WHERE c.${KEY} = s.${KEY}))`,
    )
  ).rowsChanged;
  if (newRecord) {
    // The record of each deletion: the last version's values, dated by the snapshot time.
    const metaNames = new Set([meta.scdId, meta.updatedAt, meta.validFrom, meta.validTo, meta.isDeleted].map((n) => n.toLowerCase()));
    const kept = (await tx.describeRelation(node.relation.database, node.relation.schema, node.relation.identifier)).filter((c) => !metaNames.has(c.name.toLowerCase())).map((c) => quoteIdent(c.name));
    inserted += (
      await tx.run(
        `INSERT INTO ${target} (${[...kept, ...metaList].join(', ')}) SELECT ${kept.map((c) => `t.${c}`).join(', ')}, ${versionColumns(strategy, meta, 'd.key', strategy.now, true)} FROM ${target} AS t JOIN ${deletions} AS d ON t.${scd} = d.scd_id`,
      )
    ).rowsChanged;
  }
  await tx.run(`DROP TABLE ${changes}`);
  if (deletes) await tx.run(`DROP TABLE ${deletions}`);
  return { inserted, closed, message: `SNAPSHOT (${inserted} new version${inserted === 1 ? '' : 's'}, ${closed} closed)` };
}
