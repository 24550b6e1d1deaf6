import { ConsoleReporter } from '../report/console-reporter.js';
import type { Reporter, RunEvent } from '../report/events.js';

/**
 * Progress of one simulated year. On a TTY: a single live line (year, node, elapsed) rewritten in
 * place, with failures printed in full; otherwise one plain line per node, prefixed by the year.
 */
export class YearProgressReporter implements Reporter {
  private readonly plain: ConsoleReporter;
  private readonly started = performance.now();
  private current = '';

  constructor(
    private readonly year: number,
    private readonly out: NodeJS.WritableStream,
    private readonly tty: boolean,
    color: boolean,
  ) {
    this.plain = new ConsoleReporter({ out, color, prefix: `[${year}] `, compact: true });
  }

  emit(event: RunEvent): void {
    if (!this.tty) {
      this.plain.emit(event);
      return;
    }
    if (event.type === 'node_start') {
      this.current = event.node.name;
      this.live(`year ${this.year}  ${event.index}/${event.total}  ${this.current}`);
    } else if (event.type === 'node_finish') {
      if (event.result.status === 'error' || event.result.status === 'fail' || event.result.status === 'warn') {
        this.clear();
        this.plain.emit(event);
      } else {
        this.live(`year ${this.year}  ${event.index}/${event.total}  ${event.node.name}`);
      }
    } else if (event.type === 'run_finish') {
      this.clear();
    } else {
      this.plain.emit(event);
    }
  }

  private live(text: string): void {
    const elapsed = ((performance.now() - this.started) / 1000).toFixed(1);
    const line = `${text}  ${elapsed}s`;
    // A line wider than the terminal wraps, and \r then rewrites only its last row.
    const width = (this.out as NodeJS.WriteStream).columns ?? 0;
    this.out.write(`\r\u001b[K${width > 10 && line.length >= width ? `${line.slice(0, width - 2)}…` : line}`);
  }

  private clear(): void {
    this.out.write('\r\u001b[K');
  }
}
