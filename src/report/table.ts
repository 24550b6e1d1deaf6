import type { Row } from '../engine/types.js';

/** Rows as an aligned text table, like a SQL shell prints them. */
export function formatRowsTable(rows: readonly Row[], columns?: readonly string[]): string {
  const names = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  if (names.length === 0) return '(no columns)';
  const cells = rows.map((r) => names.map((n) => formatCell(r[n])));
  const widths = names.map((n, i) => Math.min(40, Math.max(n.length, ...cells.map((c) => c[i].length))));
  const fmt = (values: readonly string[]): string => values.map((v, i) => truncate(v, widths[i]).padEnd(widths[i])).join(' | ').trimEnd();
  const lines = [fmt(names), widths.map((w) => '-'.repeat(w)).join('-+-')];
  for (const c of cells) lines.push(fmt(c));
  if (rows.length === 0) lines.push('(0 rows)');
  return lines.join('\n');
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
