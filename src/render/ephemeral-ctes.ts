// A pure text helper: importing it does not load DuckDB.
import { stripTrailingSemicolons } from '../engine/sql-text.js';

/**
 * Inline ephemeral models as CTEs in front of a query, as dbt does: if the query already starts
 * with WITH, the CTEs join its list; otherwise a WITH clause is added.
 */
export function injectCtes(sql: string, ctes: readonly { name: string; sql: string }[]): string {
  if (ctes.length === 0) return sql;
  const definitions = ctes.map((c) => `${c.name} as (\n${stripTrailingSemicolon(c.sql)}\n)`).join(',\n');
  const start = skipLeadingComments(sql);
  const head = sql.slice(start);
  const withMatch = /^with(\s+recursive)?\s/i.exec(head);
  if (withMatch) {
    const at = start + withMatch[0].length;
    return `${sql.slice(0, at)}${definitions},\n${sql.slice(at)}`;
  }
  return `${sql.slice(0, start)}with ${definitions}\n${head}`;
}

/** Index of the first character that is not whitespace or part of a leading SQL comment. */
export function skipLeadingComments(sql: string): number {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i])) i++;
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else {
      return i;
    }
  }
}

/** Drop trailing `;` even when comments follow it (`select 1; -- done`), keeping line numbers. */
export function stripTrailingSemicolon(sql: string): string {
  return stripTrailingSemicolons(sql).trimEnd();
}
