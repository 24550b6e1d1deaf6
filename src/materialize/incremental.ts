import { ExecutionError } from '../errors/plan-error.js';
import { parenthesize } from '../engine/sql-text.js';
import type { ColumnSchema, EngineConnection } from '../engine/types.js';
import { quoteIdent, relationSql } from '../manifest/types.js';
import type { ModelNode } from '../manifest/types.js';
import { runHooks } from './hooks.js';
import { partitionsConfigAt, planInPlace, writeInPlace } from './incremental-in-place.js';
import { INCREMENTAL_STRATEGIES, type StrategyOutcome } from './incremental-strategies.js';
import { runModelStatement } from './model-sql.js';
import { applySchemaChange } from './schema-change.js';
import { checkNewColumns, materializeTable } from './table.js';
import type { CustomStrategy, CustomStrategyInput, MaterializeRequest, MaterializeResult } from './types.js';

/** dbt's `full_refresh` config wins over the flag: false protects the table, true always rebuilds. */
function effectiveFullRefresh(node: ModelNode, fullRefresh: boolean): boolean {
  return typeof node.config.full_refresh === 'boolean' ? node.config.full_refresh : fullRefresh;
}

/** True when this run adds to an existing incremental table (dbt's `is_incremental()`). */
export async function isIncrementalRun(conn: EngineConnection, node: ModelNode, fullRefresh: boolean): Promise<boolean> {
  if (node.config.materialized !== 'incremental') return false;
  if (effectiveFullRefresh(node, fullRefresh)) return false;
  const { database, schema, identifier } = node.relation;
  return (await conn.relationKind(database, schema, identifier)) === 'table';
}

export function uniqueKeyColumns(node: ModelNode): readonly string[] {
  const key = node.config.unique_key;
  if (key === undefined || key === null) return [];
  return (typeof key === 'string' ? [key] : key).map((k) => k.trim()).filter((k) => k !== '');
}

/**
 * The strategy to use: explicit, else insert_overwrite with partition_by, delete+insert with
 * unique_key, else append. A name that is not built in is a custom strategy when `custom` has its
 * `get_incremental_<name>_sql` macro.
 */
export function resolveStrategy(node: ModelNode, custom?: CustomStrategy): string {
  const where = { file: node.originalFilePath, node: node.uniqueId };
  const partitionBy = node.config.partition_by ?? [];
  const uniqueKey = uniqueKeyColumns(node);
  const explicit = node.config.incremental_strategy;
  const strategy = explicit ?? (partitionBy.length ? 'insert_overwrite' : uniqueKey.length ? 'delete+insert' : 'append');
  const prefix = `model '${node.name}' (${node.originalFilePath})`;
  if (!(strategy in INCREMENTAL_STRATEGIES)) {
    if (custom?.has(strategy)) return strategy;
    throw new ExecutionError(
      'materialize.incremental_strategy',
      `${prefix}: unknown incremental_strategy '${strategy}'; expected one of ${Object.keys(INCREMENTAL_STRATEGIES).join(', ')}, or a custom one defined by a macro get_incremental_${strategy}_sql`,
      where,
    );
  }
  if ((strategy === 'delete+insert' || strategy === 'merge') && uniqueKey.length === 0) {
    throw new ExecutionError('materialize.unique_key', `${prefix}: incremental_strategy '${strategy}' needs a unique_key (a column or a list of columns)`, where);
  }
  if (node.config.partitions && node.config.partitions.length > 0 && strategy !== 'insert_overwrite') {
    throw new ExecutionError('materialize.partitions', `${prefix}: partitions (the partitions to replace) only applies to incremental_strategy 'insert_overwrite', not '${strategy}'`, {
      ...partitionsConfigAt(node),
      hint: 'remove partitions, or set partition_by (which implies insert_overwrite)',
    });
  }
  if (strategy === 'insert_overwrite' && partitionBy.length === 0) {
    throw new ExecutionError('materialize.partition_by', `${prefix}: incremental_strategy 'insert_overwrite' needs partition_by (a list of columns)`, where);
  }
  return strategy;
}

export async function materializeIncremental(req: MaterializeRequest): Promise<MaterializeResult> {
  const { node, conn } = req;
  const strategyName = resolveStrategy(node, req.customStrategy);
  if (!(await isIncrementalRun(conn, node, req.fullRefresh))) return materializeTable(req);
  const inPlace = await planInPlace(req, strategyName);
  if (inPlace) return writeInPlace(req, inPlace);

  await checkNewColumns(req);
  const target = relationSql(node.relation);
  const stageName = quoteIdent(`${node.relation.identifier}__plan_stage`);
  const stage = `temp.main.${stageName}`;
  let staged = false;
  try {
    const outcome = await conn.transaction(async (tx) => {
      await runHooks(tx, req.preHooks, 'pre-hook');
      // Staged first, so model SQL reading {{ this }} runs once, before anything is deleted.
      // OR REPLACE also clears a stage a failed build on this connection left behind.
      staged = true;
      await runModelStatement(tx, `CREATE OR REPLACE TEMP TABLE ${stageName} AS ${parenthesize(req.compiledSql)}`, req.compiledSql);
      const source = await tx.describeQuery(`SELECT * FROM ${stage}`);
      const existing = await tx.describeRelation(node.relation.database, node.relation.schema, node.relation.identifier);
      const columns = await applySchemaChange(tx, node, existing, source);
      const builtIn = INCREMENTAL_STRATEGIES[strategyName];
      const result = builtIn
        ? await builtIn({
            conn: tx,
            target,
            stage,
            columns,
            uniqueKey: uniqueKeyColumns(node),
            partitionBy: node.config.partition_by ?? [],
            mergeUpdateColumns: columnList(node.config.merge_update_columns),
            mergeExcludeColumns: columnList(node.config.merge_exclude_columns),
          })
        : await runCustomStrategy(tx, strategyName, req, { stage: { database: 'temp', schema: 'main', identifier: `${node.relation.identifier}__plan_stage` }, columns: columnsNamed(source, columns) });
      await tx.run(`DROP TABLE ${stage}`);
      await runHooks(tx, req.postHooks, 'post-hook');
      if (result.builtPartitions && req.recordPartitions) await req.recordPartitions(tx, result.builtPartitions);
      return result;
    });
    staged = false;
    return {
      rowsAffected: outcome.rows,
      message: outcome.message,
      ...(outcome.builtPartitions ? { builtPartitions: outcome.builtPartitions } : {}),
    };
  } finally {
    // The rollback removes the stage too; this guards against DuckDB having ended the transaction early.
    if (staged) await conn.run(`DROP TABLE IF EXISTS ${stage}`).catch(() => undefined);
  }
}

/** The statements a custom strategy's macro rendered, run in the build's transaction. */
async function runCustomStrategy(tx: EngineConnection, strategy: string, req: MaterializeRequest, input: CustomStrategyInput): Promise<StrategyOutcome> {
  const sql = req.customStrategy!.sql(strategy, input);
  const { rowsChanged } = await runModelStatement(tx, sql, sql);
  return { rows: rowsChanged, message: `${strategy} (custom strategy)` };
}

/** The target's columns (after on_schema_change), typed as the stage has them. */
function columnsNamed(stage: readonly ColumnSchema[], names: readonly string[]): ColumnSchema[] {
  const byName = new Map(stage.map((c) => [c.name.toLowerCase(), c]));
  return names.map((name) => byName.get(name.toLowerCase()) ?? { name, type: 'VARCHAR' });
}

/** A config naming columns: a list, or one name. */
function columnList(value: unknown): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}
