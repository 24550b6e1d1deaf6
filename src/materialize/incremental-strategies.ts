import type { EngineConnection } from '../engine/types.js';
import { quoteIdent } from '../manifest/types.js';
import { distinctPartitions } from './relation-ops.js';

/** What a strategy works with: the target, the staged new rows, and the columns to insert. */
export interface StrategyContext {
  readonly conn: EngineConnection;
  /** Fully qualified target table. */
  readonly target: string;
  /** Fully qualified temp table holding the new rows. */
  readonly stage: string;
  /** Columns to insert, in the target's order. */
  readonly columns: readonly string[];
  readonly uniqueKey: readonly string[];
  readonly partitionBy: readonly string[];
  /** merge: dbt's merge_update_columns (only these are updated) / merge_exclude_columns (these are not). */
  readonly mergeUpdateColumns?: readonly string[];
  readonly mergeExcludeColumns?: readonly string[];
}

export interface StrategyOutcome {
  readonly rows: number;
  readonly message: string;
  readonly builtPartitions?: readonly Record<string, unknown>[];
}

export type IncrementalStrategy = (ctx: StrategyContext) => Promise<StrategyOutcome>;

const list = (names: readonly string[]): string => names.map(quoteIdent).join(', ');

async function insertAll(ctx: StrategyContext): Promise<number> {
  const cols = list(ctx.columns);
  const { rowsChanged } = await ctx.conn.run(`INSERT INTO ${ctx.target} (${cols}) SELECT ${cols} FROM ${ctx.stage}`);
  return rowsChanged;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const append: IncrementalStrategy = async (ctx) => {
  const rows = await insertAll(ctx);
  return { rows, message: `INSERT ${plural(rows, 'row')}` };
};

/** Delete target rows whose unique_key appears in the new rows, then insert them (dbt's `=` match: NULL keys never match). */
const deleteInsert: IncrementalStrategy = async (ctx) => {
  const match = ctx.uniqueKey.map((k) => `s.${quoteIdent(k)} = t.${quoteIdent(k)}`).join(' AND ');
  const { rowsChanged: deleted } = await ctx.conn.run(`DELETE FROM ${ctx.target} AS t WHERE EXISTS (SELECT 1 FROM ${ctx.stage} AS s WHERE ${match})`);
  const rows = await insertAll(ctx);
  return { rows, message: `INSERT ${plural(rows, 'row')} (${deleted} replaced)` };
};

/** MERGE INTO on unique_key: update matched rows, insert the others. */
const merge: IncrementalStrategy = async (ctx) => {
  const on = ctx.uniqueKey.map((k) => `t.${quoteIdent(k)} = s.${quoteIdent(k)}`).join(' AND ');
  const keys = new Set(ctx.uniqueKey.map((k) => k.toLowerCase()));
  const only = ctx.mergeUpdateColumns && new Set(ctx.mergeUpdateColumns.map((c) => c.toLowerCase()));
  const excluded = new Set((ctx.mergeExcludeColumns ?? []).map((c) => c.toLowerCase()));
  const updates = ctx.columns
    .filter((c) => !keys.has(c.toLowerCase()) && (!only || only.has(c.toLowerCase())) && !excluded.has(c.toLowerCase()))
    .map((c) => `${quoteIdent(c)} = s.${quoteIdent(c)}`);
  const values = ctx.columns.map((c) => `s.${quoteIdent(c)}`).join(', ');
  const sql =
    `MERGE INTO ${ctx.target} AS t USING ${ctx.stage} AS s ON (${on})\n` +
    (updates.length ? `WHEN MATCHED THEN UPDATE SET ${updates.join(', ')}\n` : '') +
    `WHEN NOT MATCHED THEN INSERT (${list(ctx.columns)}) VALUES (${values})`;
  const { rowsChanged } = await ctx.conn.run(sql);
  return { rows: rowsChanged, message: `MERGE ${plural(rowsChanged, 'row')}` };
};

/** Replace whole partitions: delete target rows whose partition_by tuple is among the new rows, then insert. */
const insertOverwrite: IncrementalStrategy = async (ctx) => {
  const builtPartitions = await distinctPartitions(ctx.conn, ctx.stage, ctx.partitionBy);
  const match = ctx.partitionBy.map((k) => `s.${quoteIdent(k)} IS NOT DISTINCT FROM t.${quoteIdent(k)}`).join(' AND ');
  await ctx.conn.run(`DELETE FROM ${ctx.target} AS t WHERE EXISTS (SELECT 1 FROM ${ctx.stage} AS s WHERE ${match})`);
  const rows = await insertAll(ctx);
  return { rows, message: `INSERT ${plural(rows, 'row')} (${plural(builtPartitions.length, 'partition')} replaced)`, builtPartitions };
};

export const INCREMENTAL_STRATEGIES: Readonly<Record<string, IncrementalStrategy>> = {
  append,
  'delete+insert': deleteInsert,
  merge,
  insert_overwrite: insertOverwrite,
};
