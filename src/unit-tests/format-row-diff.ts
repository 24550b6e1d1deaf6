import type { Row } from '../engine/types.js';

export interface RowDiffLine {
  readonly side: 'expected' | 'actual';
  readonly row: Row;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * A row diff, expected-only rows prefixed `-`, actual-only rows `+`:
 *
 *     | id | status  |
 *   - | 1  | shipped |
 *   + | 1  | placed  |
 */
export function formatRowDiff(columns: readonly string[], lines: readonly RowDiffLine[]): string {
  const cells = lines.map((l) => columns.map((c) => show(l.row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const render = (values: readonly string[]): string => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [
    `  ${render(columns)}`,
    ...lines.map((l, k) => `${l.side === 'expected' ? '-' : '+'} ${render(cells[k])}`),
  ].join('\n');
}
