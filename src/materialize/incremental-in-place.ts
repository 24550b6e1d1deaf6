import { ExecutionError } from '../errors/plan-error.js';
import { parenthesize } from '../engine/sql-text.js';
import type { EngineConnection } from '../engine/types.js';
import { quoteIdent, relationSql } from '../manifest/types.js';
import type { ModelNode, PriorRead } from '../manifest/types.js';
import { runHooks } from './hooks.js';
import { runModelStatement, withModelLine } from './model-sql.js';
import { canonicalJson } from './partitions.js';
import { applySchemaChange } from './schema-change.js';
import type { MaterializeRequest, MaterializeResult } from './types.js';

/**
 * Incremental builds that write the target directly, without first staging the new rows in a
 * temp table (which writes every row twice):
 * - append: one INSERT ... SELECT; DuckDB evaluates the SELECT against the table as it was before
 *   the statement, so model SQL reading {{ this }} still sees the old rows only.
 * - insert_overwrite with static `partitions` (dbt-bigquery's config): the partitions to replace
 *   are known before the model runs, so they are deleted, the model's rows inserted, and every new
 *   row is checked to lie in one of them. Only taken when the model SQL reads no row the DELETE
 *   removes: the target may appear in it only through prior() reads of other partitions.
 */

/**
 * How a build writes in place: append, or replace these partitions (typed values) listed by these
 * SQL expressions; `isNull` tells which expressions evaluate to NULL.
 */
export type InPlacePlan =
  | { readonly kind: 'append' }
  | {
      readonly kind: 'overwrite';
      readonly partitions: readonly Record<string, unknown>[];
      readonly expressions: readonly (readonly string[])[];
      readonly isNull: readonly (readonly boolean[])[];
    };

/** Whether this incremental build can skip the stage; undefined means stage the new rows first. Writes nothing. */
export async function planInPlace(req: MaterializeRequest, strategy: string): Promise<InPlacePlan | undefined> {
  if (strategy === 'append') return { kind: 'append' };
  const expressions = req.node.config.partitions;
  if (strategy !== 'insert_overwrite' || !expressions || expressions.length === 0) return undefined;
  const { partitions, isNull } = await evaluatePartitions(req.conn, req.node, req.node.config.partition_by ?? [], expressions);
  if (!readsOnlyOtherPartitions(req.node, req.compiledSql, req.priorReads ?? [], partitions)) return undefined;
  return { kind: 'overwrite', partitions, expressions, isNull };
}

export async function writeInPlace(req: MaterializeRequest, plan: InPlacePlan): Promise<MaterializeResult> {
  const { node, conn } = req;
  const target = relationSql(node.relation);
  return conn.transaction(async (tx) => {
    await runHooks(tx, req.preHooks, 'pre-hook');
    const source = await tx.describeQuery(req.compiledSql).catch((error: unknown) => {
      throw withModelLine(error, req.compiledSql);
    });
    await req.checkColumns?.(source);
    const existing = await tx.describeRelation(node.relation.database, node.relation.schema, node.relation.identifier);
    const columns = (await applySchemaChange(tx, node, existing, source)).map(quoteIdent).join(', ');
    const insert = `INSERT INTO ${target} (${columns}) SELECT ${columns} FROM ${parenthesize(req.compiledSql)}`;

    let result: MaterializeResult;
    if (plan.kind === 'append') {
      const { rowsChanged } = await runModelStatement(tx, insert, req.compiledSql);
      result = { rowsAffected: rowsChanged, message: `INSERT ${plural(rowsChanged, 'row')}` };
    } else {
      result = await overwritePartitions(tx, req, plan, target, insert);
    }
    await runHooks(tx, req.postHooks, 'post-hook');
    if (result.builtPartitions && req.recordPartitions) await req.recordPartitions(tx, result.builtPartitions);
    return result;
  });
}

async function overwritePartitions(
  tx: EngineConnection,
  req: MaterializeRequest,
  plan: Extract<InPlacePlan, { kind: 'overwrite' }>,
  target: string,
  insert: string,
): Promise<MaterializeResult> {
  const { node } = req;
  const partitionBy = node.config.partition_by ?? [];
  // `=` rather than IS NOT DISTINCT FROM: DuckDB skips the row groups whose min/max rule a value
  // out only for `=`, so replacing one partition of a large table does not read all of it.
  const inListed = plan.expressions
    .map((values, j) => `(${partitionBy.map((column, i) => (plan.isNull[j][i] ? `${quoteIdent(column)} IS NULL` : `${quoteIdent(column)} = (${values[i]})`)).join(' AND ')})`)
    .join(' OR ');
  await tx.run(`DELETE FROM ${target} WHERE ${inListed}`);
  const { rowsChanged } = await runModelStatement(tx, insert, req.compiledSql);
  const { rows } = await tx.query(`SELECT count(*) AS n FROM ${target} WHERE ${inListed}`);
  const inside = Number(rows[0]?.n ?? 0);
  if (inside !== rowsChanged) {
    throw new ExecutionError(
      'materialize.partitions',
      `model '${node.name}' (${node.originalFilePath}): ${rowsChanged - inside} of its ${rowsChanged} new rows are outside the partitions listed in its partitions config (${describePartitions(plan.partitions)})`,
      {
        ...partitionsConfigAt(node),
        hint: 'list every partition the model writes in `partitions`, or remove `partitions` to replace the partitions found in the new rows',
      },
    );
  }
  return {
    rowsAffected: rowsChanged,
    message: `INSERT ${plural(rowsChanged, 'row')} (${plural(plan.partitions.length, 'partition')} replaced)`,
    builtPartitions: plan.partitions,
  };
}

/** Where the model sets `partitions`: its file, and the line of `partitions=` when its config() call has it. */
export function partitionsConfigAt(node: ModelNode): { file: string; line?: number; node: string } {
  const index = node.rawCode.search(/\bpartitions\s*=/);
  const line = index < 0 ? undefined : node.rawCode.slice(0, index).split('\n').length;
  return { file: node.originalFilePath, ...(line !== undefined ? { line } : {}), node: node.uniqueId };
}

/** Orders the evaluated partition expressions as they were listed. */
const INDEX = '__plan_partition_index';

/** SELECT the partition expressions: the typed values the registry records (one row per partition), and which are NULL. */
async function evaluatePartitions(
  tx: EngineConnection,
  node: ModelNode,
  partitionBy: readonly string[],
  expressions: readonly (readonly string[])[],
): Promise<{ partitions: Record<string, unknown>[]; isNull: boolean[][] }> {
  const where = partitionsConfigAt(node);
  if (partitionBy.length === 0) {
    throw new ExecutionError('materialize.partitions', `model '${node.name}' (${node.originalFilePath}): partitions needs partition_by (the columns the values are for)`, where);
  }
  for (const [i, values] of expressions.entries()) {
    if (values.length !== partitionBy.length) {
      throw new ExecutionError(
        'materialize.partitions',
        `model '${node.name}' (${node.originalFilePath}): partition ${i + 1} in partitions has ${values.length} value(s), expected ${partitionBy.length}, one per partition_by column (${partitionBy.join(', ')})`,
        { ...where, hint: `write each partition as a list of SQL expressions, e.g. [${partitionBy.map(() => "'...'").join(', ')}]` },
      );
    }
  }
  const literal = evaluateLiterals(partitionBy, expressions);
  if (literal) return literal;
  const selects = expressions.map((values, j) => `SELECT ${j} AS ${INDEX}, ${values.map((v, i) => `(${v}) AS ${quoteIdent(partitionBy[i])}`).join(', ')}`);
  try {
    const { rows } = await tx.query(`${selects.join('\nUNION ALL\n')}\nORDER BY ${INDEX}`);
    return listedPartitions(rows.map(({ [INDEX]: _index, ...partition }) => partition), partitionBy);
  } catch (error) {
    throw new ExecutionError('materialize.partitions', `model '${node.name}' (${node.originalFilePath}): its partitions config is not valid SQL: ${(error as Error).message}`, {
      ...where,
      hint: "partitions are SQL expressions, as in dbt-bigquery: quote text values, e.g. partitions=[[\"'baseline'\", 2025]]",
    });
  }
}

/**
 * The values of partitions written only as integer, quoted-text and NULL literals (the common
 * `[["'baseline'", 2025]]`), as DuckDB would return them, without a query on the model's path;
 * undefined when any expression is something else.
 */
export function evaluateLiterals(
  partitionBy: readonly string[],
  expressions: readonly (readonly string[])[],
): { partitions: Record<string, unknown>[]; isNull: boolean[][] } | undefined {
  const rows: Record<string, unknown>[] = [];
  for (const values of expressions) {
    const row: Record<string, unknown> = {};
    for (const [i, expression] of values.entries()) {
      const value = literalValue(String(expression).trim());
      if (value === undefined) return undefined;
      row[partitionBy[i]] = value.value;
    }
    rows.push(row);
  }
  return listedPartitions(rows, partitionBy);
}

/** The evaluated partitions, one per listed expression: each distinct partition once, and which values are NULL per expression. */
function listedPartitions(rows: readonly Record<string, unknown>[], partitionBy: readonly string[]): { partitions: Record<string, unknown>[]; isNull: boolean[][] } {
  const partitions = new Map<string, Record<string, unknown>>();
  for (const row of rows) partitions.set(canonicalJson(row), row);
  return { partitions: [...partitions.values()], isNull: rows.map((row) => partitionBy.map((column) => row[column] === null || row[column] === undefined)) };
}

/** An integer that DuckDB types INTEGER, a '...' string, or NULL. */
function literalValue(text: string): { value: unknown } | undefined {
  if (/^-?\d{1,9}$/.test(text)) return { value: Number(text) };
  if (/^'(?:[^']|'')*'$/.test(text)) return { value: text.slice(1, -1).replaceAll("''", "'") };
  if (/^null$/i.test(text)) return { value: null };
  return undefined;
}

/**
 * True when every mention of the target in the model SQL is a prior() read of a partition this
 * build does not replace. Conservative: any other mention of the table's name (a {{ this }}, a
 * hand-written name, even a comment) means the rows are staged first.
 */
export function readsOnlyOtherPartitions(
  node: ModelNode,
  compiledSql: string,
  priorReads: readonly PriorRead[],
  written: readonly Readonly<Record<string, unknown>>[],
): boolean {
  const ownReads = priorReads.filter((read) => read.name.toLowerCase() === node.name.toLowerCase());
  if (ownReads.some((read) => written.some((partition) => mayOverlap(read.filters, partition)))) return false;
  return mentions(compiledSql, node.relation.identifier) <= ownReads.length;
}

/** A read overlaps a written partition unless some partition column it filters on has another value. */
function mayOverlap(filters: PriorRead['filters'], partition: Readonly<Record<string, unknown>>): boolean {
  const lowered = new Map(Object.entries(partition).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(filters).every(([column, value]) => {
    const key = column.toLowerCase();
    return !lowered.has(key) || String(lowered.get(key)) === String(value);
  });
}

/** How many times `name` occurs as a whole identifier (case-insensitive) in the SQL text. */
function mentions(sql: string, name: string): number {
  const text = sql.toLowerCase();
  const needle = name.toLowerCase();
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + needle.length] ?? ' ';
    if (!/[a-z0-9_$]/.test(before) && !/[a-z0-9_$]/.test(after)) count += 1;
  }
  return count;
}

function describePartitions(partitions: readonly Readonly<Record<string, unknown>>[]): string {
  return partitions.map((p) => Object.entries(p).map(([k, v]) => `${k}=${String(v)}`).join(', ')).join('; ');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
