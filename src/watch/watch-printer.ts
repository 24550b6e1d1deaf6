import { formatDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import type { NodeResult } from '../run/types.js';
import { formatRowsTable } from '../report/table.js';
import type { ModelPreview } from './model-preview.js';
import type { RebuildTimings } from './rebuild-timings.js';

/** The watch session's own lines (node lines come from the ConsoleReporter). */
export class WatchPrinter {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly color: boolean,
  ) {}

  changed(files: readonly string[]): void {
    const shown = files.length > 5 ? [...files.slice(0, 5), `and ${files.length - 5} more`] : files;
    this.line(`\n[${clock()}] changed: ${shown.join(', ')}`);
  }

  initial(): void {
    this.line(`[${clock()}] building the selection once`);
  }

  diagnostics(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.line(this.paint(formatDiagnostic(d), d.severity === 'error' ? 31 : 33));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) this.line(this.paint(`${errors} error${errors === 1 ? '' : 's'}; nothing was run. Fix and save to try again.`, 31));
  }

  error(message: string): void {
    this.line(this.paint(message, 31));
  }

  info(message: string): void {
    this.line(message);
  }

  nothingToRebuild(): void {
    this.line('no node changed: nothing to rebuild');
  }

  summary(results: readonly NodeResult[], seconds: number): void {
    const count = (...statuses: NodeResult['status'][]): number => results.filter((r) => statuses.includes(r.status)).length;
    const failed = count('error', 'fail');
    const parts = [`${count('success')} built`];
    if (count('pass') > 0) parts.push(`${count('pass')} passed`);
    if (count('warn') > 0) parts.push(`${count('warn')} warned`);
    if (failed > 0) parts.push(`${failed} failed`);
    if (count('skipped') > 0) parts.push(`${count('skipped')} skipped`);
    this.line(this.paint(`${failed > 0 ? 'rebuilt with errors' : 'rebuilt'} in ${seconds.toFixed(2)}s: ${parts.join(', ')}`, failed > 0 ? 31 : 32));
  }

  fixed(names: readonly string[]): void {
    for (const n of names) this.line(this.paint(`fixed: ${n}`, 32));
  }

  preview(p: ModelPreview): void {
    this.line(`${p.name}: ${p.rowCount.toLocaleString('en-US')} row${p.rowCount === 1 ? '' : 's'}`);
    if (p.columns.length > 0) this.line(indent(formatRowsTable(p.rows, p.columns)));
  }

  timings(t: RebuildTimings): void {
    const ms = (n: number): string => `${Math.round(n)}ms`;
    this.line(`timing: event->exec=${ms(t.eventToExec)} overhead=${ms(t.overhead)} debounce=${ms(t.debounce)} prepare=${ms(t.prepare)} exec=${ms(t.execution)} total=${ms(t.total)} read=${ms(t.read)} render=${ms(t.render)} diff=${ms(t.diff)}`);
  }

  watching(): void {
    this.line('watching for changes... (Ctrl-C to stop)');
  }

  private paint(text: string, code: number): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  private line(text: string): void {
    this.out.write(`${text}\n`);
  }
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
