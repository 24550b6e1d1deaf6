import type { ColumnInfo } from '../manifest/types.js';
import { quoteIdent } from '../manifest/types.js';
import type { ColumnConstraint } from '../project/types.js';
import { ContractError } from '../errors/plan-error.js';
import { stripTrailingSemicolons } from '../engine/sql-text.js';

export type ModelConstraint = ColumnConstraint & { readonly columns?: readonly string[] };

export interface ContractDdl {
  /** `"id" INTEGER NOT NULL PRIMARY KEY`, one per declared column, in declared order. */
  readonly columnDdl: readonly string[];
  /** `PRIMARY KEY ("a", "b")`, `CHECK (x > 0)`... */
  readonly tableConstraints: readonly string[];
  readonly warnings: readonly string[];
}

function named(constraint: ColumnConstraint, clause: string): string {
  return constraint.name ? `CONSTRAINT ${quoteIdent(constraint.name)} ${clause}` : clause;
}

function columnList(columns: readonly string[]): string {
  return `(${columns.map(quoteIdent).join(', ')})`;
}

function foreignKeyWarning(where: string, constraint: ColumnConstraint): string[] {
  if (constraint.warn_unenforced === false) return [];
  return [`foreign_key constraint on ${where} is not enforced: DuckDB needs the referenced table in the same DDL, so plan skips it`];
}

/**
 * DuckDB DDL for an enforced contract's columns and constraints, as dbt builds
 * `create table x (<columns and constraints>)` before inserting the model's rows.
 * Constraints DuckDB cannot enforce come back as warnings instead of DDL.
 */
export function contractDdl(columns: readonly ColumnInfo[], modelConstraints: readonly ModelConstraint[] = []): ContractDdl {
  const warnings: string[] = [];
  const tableConstraints: string[] = [];
  const extraNotNull = new Set<string>();

  for (const c of modelConstraints) {
    const cols = c.columns ?? [];
    switch (c.type) {
      case 'primary_key':
      case 'unique': {
        if (cols.length === 0) {
          warnings.push(`model-level ${c.type} constraint has no \`columns:\`; it was skipped (list the key columns under \`columns:\`)`);
          break;
        }
        tableConstraints.push(named(c, `${c.type === 'primary_key' ? 'PRIMARY KEY' : 'UNIQUE'} ${columnList(cols)}`));
        break;
      }
      case 'not_null':
        // DuckDB has no table-level NOT NULL; put it on each listed column.
        for (const col of cols) extraNotNull.add(col.toLowerCase());
        if (cols.length === 0) warnings.push('model-level not_null constraint has no `columns:`; it was skipped');
        break;
      case 'check':
        if (!c.expression) warnings.push('model-level check constraint has no `expression:`; it was skipped');
        else tableConstraints.push(named(c, `CHECK (${c.expression})`));
        break;
      case 'foreign_key':
        warnings.push(...foreignKeyWarning('the model', c));
        break;
      case 'custom':
        if (c.expression) tableConstraints.push(c.expression);
        break;
    }
  }

  const columnDdl = columns.map((column) => {
    if (!column.data_type?.trim()) {
      throw new ContractError('contract.no_data_type', `Column '${column.name}' has no data_type; an enforced contract needs one on every column`, {
        hint: `add \`data_type:\` to column '${column.name}' in the model's property file`,
      });
    }
    const parts = [quoteIdent(column.name), column.data_type.trim()];
    let hasNotNull = false;
    for (const c of column.constraints) {
      switch (c.type) {
        case 'not_null':
          hasNotNull = true;
          parts.push(named(c, 'NOT NULL'));
          break;
        case 'unique':
          parts.push(named(c, 'UNIQUE'));
          break;
        case 'primary_key':
          parts.push(named(c, 'PRIMARY KEY'));
          break;
        case 'check':
          if (!c.expression) warnings.push(`check constraint on column '${column.name}' has no \`expression:\`; it was skipped`);
          else parts.push(named(c, `CHECK (${c.expression})`));
          break;
        case 'foreign_key':
          warnings.push(...foreignKeyWarning(`column '${column.name}'`, c));
          break;
        case 'custom':
          if (c.expression) parts.push(c.expression);
          break;
      }
    }
    if (!hasNotNull && extraNotNull.has(column.name.toLowerCase())) parts.push('NOT NULL');
    return parts.join(' ');
  });

  const declared = new Set(columns.map((c) => c.name.toLowerCase()));
  for (const c of modelConstraints) {
    for (const col of c.columns ?? []) {
      if (!declared.has(col.toLowerCase())) {
        warnings.push(`model-level ${c.type} constraint names column '${col}', which is not declared under \`columns:\``);
      }
    }
  }
  return { columnDdl, tableConstraints, warnings };
}

function stripTrailing(sql: string): string {
  return stripTrailingSemicolons(sql).trimEnd();
}

/**
 * The two statements dbt runs for a contracted table: create the empty table with the
 * contract's types and constraints, then insert the model's rows by column name. Constraint
 * violations fail the insert, so run both inside one transaction on a staging relation.
 */
export function contractedTableSql(
  relationName: string,
  columns: readonly ColumnInfo[],
  modelConstraints: readonly ModelConstraint[],
  modelSql: string,
): { readonly statements: readonly string[]; readonly warnings: readonly string[] } {
  const ddl = contractDdl(columns, modelConstraints);
  const body = [...ddl.columnDdl, ...ddl.tableConstraints].map((l) => `  ${l}`).join(',\n');
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  return {
    statements: [
      `create table ${relationName} (\n${body}\n)`,
      // The model SQL sits on its own lines so a trailing `--` comment cannot swallow the `)`.
      `insert into ${relationName} (${names})\nselect ${names} from (\n${stripTrailing(modelSql)}\n) as model_subq`,
    ],
    warnings: ddl.warnings,
  };
}
