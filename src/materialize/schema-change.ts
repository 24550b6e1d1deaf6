import { ExecutionError } from '../errors/plan-error.js';
import type { OnSchemaChange } from '../config/types.js';
import type { ColumnSchema, EngineConnection } from '../engine/types.js';
import { quoteIdent, relationSql } from '../manifest/types.js';
import type { ModelNode } from '../manifest/types.js';

export interface SchemaDiff {
  readonly added: readonly ColumnSchema[];
  readonly removed: readonly ColumnSchema[];
  readonly changed: readonly { readonly name: string; readonly from: string; readonly to: string }[];
}

const key = (name: string): string => name.toLowerCase();

/** How the new rows' columns differ from the existing table's (names compared case-insensitively). */
export function diffColumns(target: readonly ColumnSchema[], source: readonly ColumnSchema[]): SchemaDiff {
  const targetByName = new Map(target.map((c) => [key(c.name), c]));
  const sourceByName = new Map(source.map((c) => [key(c.name), c]));
  return {
    added: source.filter((c) => !targetByName.has(key(c.name))),
    removed: target.filter((c) => !sourceByName.has(key(c.name))),
    changed: source
      .filter((c) => targetByName.has(key(c.name)) && targetByName.get(key(c.name))!.type !== c.type)
      .map((c) => ({ name: c.name, from: targetByName.get(key(c.name))!.type, to: c.type })),
  };
}

export function isEmptyDiff(diff: SchemaDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

export const ON_SCHEMA_CHANGE_MODES: readonly OnSchemaChange[] = ['ignore', 'fail', 'append_new_columns', 'sync_all_columns'];

/**
 * Apply `on_schema_change` to the target table; returns the columns to insert (those of the new
 * rows that the target has after the change), in the target's order.
 */
export async function applySchemaChange(
  conn: EngineConnection,
  node: ModelNode,
  target: readonly ColumnSchema[],
  source: readonly ColumnSchema[],
): Promise<readonly string[]> {
  const mode = node.config.on_schema_change ?? 'ignore';
  const diff = diffColumns(target, source);
  const table = relationSql(node.relation);
  if (!ON_SCHEMA_CHANGE_MODES.includes(mode)) {
    throw new ExecutionError(
      'materialize.on_schema_change',
      `model '${node.name}' (${node.originalFilePath}): on_schema_change '${String(mode)}' is not valid; expected one of ${ON_SCHEMA_CHANGE_MODES.join(', ')}`,
      { file: node.originalFilePath, node: node.uniqueId },
    );
  }
  if (!isEmptyDiff(diff) && mode === 'fail') {
    throw new ExecutionError('materialize.schema_changed', `model '${node.name}' (${node.originalFilePath}): the columns of incremental model ${table} changed and on_schema_change is 'fail': ${describeDiff(diff)}`, {
      file: node.originalFilePath,
      node: node.uniqueId,
      hint: "run with --full-refresh to rebuild the table, or set on_schema_change to 'append_new_columns' or 'sync_all_columns'",
    });
  }
  let columns = target;
  if (mode === 'append_new_columns' || mode === 'sync_all_columns') {
    for (const c of diff.added) await conn.run(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`);
    columns = [...columns, ...diff.added];
  }
  if (mode === 'sync_all_columns') {
    for (const c of diff.removed) await conn.run(`ALTER TABLE ${table} DROP COLUMN ${quoteIdent(c.name)}`);
    for (const c of diff.changed) await conn.run(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(c.name)} TYPE ${c.to}`);
    const removed = new Set(diff.removed.map((c) => key(c.name)));
    columns = columns.filter((c) => !removed.has(key(c.name)));
  }
  const sourceNames = new Set(source.map((c) => key(c.name)));
  return columns.filter((c) => sourceNames.has(key(c.name))).map((c) => c.name);
}

export function describeDiff(diff: SchemaDiff): string {
  const parts: string[] = [];
  if (diff.added.length) parts.push(`added ${diff.added.map((c) => `${c.name} ${c.type}`).join(', ')}`);
  if (diff.removed.length) parts.push(`removed ${diff.removed.map((c) => c.name).join(', ')}`);
  if (diff.changed.length) parts.push(`changed ${diff.changed.map((c) => `${c.name} ${c.from} -> ${c.to}`).join(', ')}`);
  return parts.join('; ');
}
