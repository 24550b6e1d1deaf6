import { quoteIdent } from '../manifest/types.js';
import type { OnSchemaChange } from '../config/types.js';

export interface IncrementalResultInput {
  /** Query (or relation) holding the rows of `this` before the run. */
  readonly existingSql: string;
  readonly existingColumns: readonly string[];
  /** The model's SQL rendered with is_incremental() true: the new rows. */
  readonly newRowsSql: string;
  readonly newColumns: readonly string[];
  /** 'append', 'delete+insert', 'merge', 'insert_overwrite'; default append without a key, delete+insert with one. */
  readonly strategy?: string;
  readonly uniqueKey?: string | readonly string[];
  readonly partitionBy?: readonly string[];
  readonly onSchemaChange?: OnSchemaChange;
}

export type IncrementalResult = { readonly ok: true; readonly sql: string } | { readonly ok: false; readonly error: string };

const lower = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()));

/**
 * The table an incremental run leaves behind, computed as one query from the existing rows
 * and the new rows, so a unit test can compare `expect` with the final table:
 * - append: existing + new;
 * - delete+insert / merge (with unique_key): existing rows whose key is not among the new rows, + new;
 * - insert_overwrite (with partition_by): existing rows of partitions the new rows do not touch, + new.
 * Columns follow on_schema_change: ignore/fail keep the existing columns (fail errors when they
 * differ), append_new_columns adds the new ones, sync_all_columns takes the new set.
 */
export function incrementalResultSql(input: IncrementalResultInput): IncrementalResult {
  const keys = input.uniqueKey === undefined ? [] : typeof input.uniqueKey === 'string' ? [input.uniqueKey] : [...input.uniqueKey];
  const strategy = input.strategy ?? (keys.length > 0 ? 'delete+insert' : 'append');
  const onSchemaChange = input.onSchemaChange ?? 'ignore';

  const existing = lower(input.existingColumns);
  const incoming = lower(input.newColumns);
  const added = input.newColumns.filter((c) => !existing.has(c.toLowerCase()));
  const removed = input.existingColumns.filter((c) => !incoming.has(c.toLowerCase()));
  if (onSchemaChange === 'fail' && (added.length > 0 || removed.length > 0)) {
    return {
      ok: false,
      error: `The model's columns changed (added: ${added.join(', ') || 'none'}; removed: ${removed.join(', ') || 'none'}) and on_schema_change is 'fail'`,
    };
  }
  let finalColumns: readonly string[];
  switch (onSchemaChange) {
    case 'append_new_columns': finalColumns = [...input.existingColumns, ...added]; break;
    case 'sync_all_columns': finalColumns = input.newColumns; break;
    default: finalColumns = input.existingColumns;
  }

  let matchColumns: string[];
  switch (strategy) {
    case 'append':
      matchColumns = [];
      break;
    case 'delete+insert':
    case 'merge':
      if (keys.length === 0) return { ok: false, error: `incremental_strategy '${strategy}' needs a unique_key` };
      matchColumns = keys;
      break;
    case 'insert_overwrite':
      if (!input.partitionBy?.length) return { ok: false, error: "incremental_strategy 'insert_overwrite' needs partition_by" };
      matchColumns = [...input.partitionBy];
      break;
    default:
      return { ok: false, error: `incremental_strategy '${strategy}' cannot be unit tested (use append, delete+insert, merge or insert_overwrite)` };
  }

  const kept = matchColumns.length === 0
    ? 'select * from existing_rows'
    : `select * from existing_rows e where not exists (select 1 from new_rows n where ${matchColumns.map((k) => `n.${quoteIdent(k)} = e.${quoteIdent(k)}`).join(' and ')})`;
  const select = finalColumns.map(quoteIdent).join(', ');
  return {
    ok: true,
    sql: [
      `with existing_rows as (\n${input.existingSql}\n),`,
      `new_rows as (\n${input.newRowsSql}\n),`,
      `combined as (\n${kept}\nunion all by name\nselect * from new_rows\n)`,
      `select ${select} from combined`,
    ].join('\n'),
  };
}
