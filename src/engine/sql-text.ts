/** Small helpers for building SQL text around user SQL. No database access. */

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Positions of the `;` that end `sql`: semicolons with only whitespace, other semicolons and
 * comments after them. String literals and quoted identifiers are code, and their contents are
 * skipped so a `--` or `;` inside them counts for nothing.
 */
function trailingSemicolons(sql: string): number[] {
  let trailing: number[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j += 2;
          else break;
        } else j += 1;
      }
      trailing = [];
      i = j + 1;
    } else {
      if (ch === ';') trailing.push(i);
      else if (!/\s/.test(ch)) trailing = [];
      i += 1;
    }
  }
  return trailing;
}

/**
 * Blank out trailing `;` (possibly followed by whitespace and comments) so the SQL can be put
 * inside parentheses. Semicolons become spaces, so line numbers do not move.
 */
export function stripTrailingSemicolons(sql: string): string {
  if (!sql.includes(';')) return sql;
  let out = sql;
  for (const at of trailingSemicolons(sql)) out = `${out.slice(0, at)} ${out.slice(at + 1)}`;
  return out;
}

/**
 * Put user SQL on its own lines inside parentheses: `(\n<sql>\n)`. The user SQL starts on the
 * line after the one holding the opening parenthesis, so a trailing `-- comment` is harmless.
 */
export function parenthesize(sql: string): string {
  return `(\n${stripTrailingSemicolons(sql)}\n)`;
}
