import type { TestResult } from './run-data-test.js';

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The failing rows of a test as a small aligned table (empty string when there are none). */
export function formatPreview(columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): string {
  if (rows.length === 0 || columns.length === 0) return '';
  const cells = rows.map((r) => columns.map((c) => show(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: readonly string[]): string => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/**
 * What a user reads for a test that did not pass: the verdict, the first failing rows, and
 * where all of them were stored.
 */
export function formatTestResult(result: TestResult): string {
  const head = `${result.status.toUpperCase()} ${result.name}: ${result.message}`;
  if (result.status === 'pass') return head;
  const parts = [head];
  const preview = formatPreview(result.previewColumns, result.preview);
  if (preview) {
    const shown = result.preview.length < result.failures ? ` (first ${result.preview.length} of ${result.failures})` : '';
    parts.push(`failing rows${shown}:`, preview.split('\n').map((l) => `  ${l}`).join('\n'));
  }
  if (result.storedIn) parts.push(`all failing rows: select * from ${result.storedIn}`);
  return parts.join('\n');
}
