/** Small helpers for building SQL text around user SQL. No database access. */

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Character ranges of `sql` that are code (not inside a comment). String literals and quoted
 * identifiers count as code but their contents are skipped so a `--` inside them is not a comment.
 */
function lastCodeIndexes(sql: string): number[] {
  const code: number[] = [];
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
      for (let k = i; k <= Math.min(j, sql.length - 1); k++) code.push(k);
      i = j + 1;
    } else {
      if (!/\s/.test(ch)) code.push(i);
      i += 1;
    }
  }
  return code;
}

/**
 * Blank out trailing `;` (possibly followed by whitespace and comments) so the SQL can be put
 * inside parentheses. Semicolons become spaces, so line numbers do not move.
 */
export function stripTrailingSemicolons(sql: string): string {
  const code = lastCodeIndexes(sql);
  const chars = sql.split('');
  for (let k = code.length - 1; k >= 0 && chars[code[k]] === ';'; k--) chars[code[k]] = ' ';
  return chars.join('');
}

/**
 * Put user SQL on its own lines inside parentheses: `(\n<sql>\n)`. The user SQL starts on the
 * line after the one holding the opening parenthesis, so a trailing `-- comment` is harmless.
 */
export function parenthesize(sql: string): string {
  return `(\n${stripTrailingSemicolons(sql)}\n)`;
}
