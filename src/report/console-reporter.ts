import { formatDiagnostic } from '../errors/diagnostic.js';
import type { ManifestNode } from '../manifest/types.js';
import type { NodeResult, NodeStatus } from '../run/types.js';
import type { Reporter, RunEvent } from './events.js';
import { formatRowsTable } from './table.js';

export interface ConsoleReporterOptions {
  readonly out: NodeJS.WritableStream;
  readonly color: boolean;
  /** Text put in front of every node line, e.g. the simulation year. */
  readonly prefix?: string;
  /** Leave out the run_start line and summary (the year loop prints its own). */
  readonly compact?: boolean;
  /** --quiet: only nodes that errored, failed or warned, and the summary when something failed. */
  readonly quiet?: boolean;
}

const STATUS_LABEL: Record<NodeStatus, string> = { success: 'OK', pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR', skipped: 'SKIP' };
const NEEDS_ATTENTION: ReadonlySet<NodeStatus> = new Set(['error', 'fail', 'warn']);
const STATUS_COLOR: Record<NodeStatus, number> = { success: 32, pass: 32, warn: 33, fail: 31, error: 31, skipped: 90 };

/** One line per finished node (index/total, status, what, time) and a closing summary line. */
export class ConsoleReporter implements Reporter {
  constructor(private readonly options: ConsoleReporterOptions) {}

  emit(event: RunEvent): void {
    switch (event.type) {
      case 'run_start':
        if (this.options.compact || this.options.quiet) break;
        if (event.total > 0) this.line(`Running ${event.total} node${event.total === 1 ? '' : 's'} with ${event.threads} thread${event.threads === 1 ? '' : 's'}`);
        else this.line('Nothing to do: the selection matched no nodes.');
        break;
      case 'node_finish':
        if (this.options.quiet && !NEEDS_ATTENTION.has(event.result.status)) break;
        this.nodeLine(event.index, event.total, event.node, event.result);
        break;
      case 'run_finish':
        if (this.options.compact) break;
        if (this.options.quiet && !event.results.some((r) => r.status === 'error' || r.status === 'fail')) break;
        this.summary(event.results, event.elapsedSeconds);
        break;
      case 'diagnostics':
        for (const d of event.diagnostics) this.line(this.paint(formatDiagnostic(d), d.severity === 'error' ? 31 : 33));
        break;
      case 'log':
        if (this.options.quiet && event.level === 'info') break;
        this.line(event.level === 'info' ? event.message : this.paint(`${event.level}: ${event.message}`, event.level === 'error' ? 31 : 33));
        break;
      default:
        break;
    }
  }

  private nodeLine(index: number, total: number, node: ManifestNode, result: NodeResult): void {
    const width = String(total).length;
    const counter = `${String(index).padStart(width)}/${total}`;
    const label = this.paint(STATUS_LABEL[result.status].padEnd(5), STATUS_COLOR[result.status]);
    const what = `${describeKind(node).padEnd(11)} ${node.name}`;
    const info = result.status === 'error' || result.status === 'skipped' ? '' : result.message;
    const time = result.status === 'skipped' ? '' : `${result.executionTime.toFixed(2)}s`;
    this.line(`${this.options.prefix ?? ''}${counter} ${label} ${what.padEnd(48, ' ')} ${info.padEnd(22)} ${time}`.trimEnd());
    if (result.status === 'error' || result.status === 'fail' || result.status === 'warn') this.explain(result);
  }

  private explain(result: NodeResult): void {
    const where = result.file ? `${result.file}${result.line ? `:${result.line}` : ''}: ` : '';
    if (result.status === 'error') this.line(this.paint(indent(`${where}${result.message}`), 31));
    if (result.detail) this.line(indent(result.detail));
    if (result.hint) this.line(indent(`hint: ${result.hint}`));
    if (result.preview && result.preview.length > 0) this.line(indent(formatRowsTable(result.preview)));
  }

  private summary(results: readonly NodeResult[], elapsed: number): void {
    const count = (s: NodeStatus): number => results.filter((r) => r.status === s).length;
    const ok = count('success') + count('pass');
    const parts = [`OK=${ok}`, `WARN=${count('warn')}`, `ERROR=${count('error') + count('fail')}`, `SKIP=${count('skipped')}`, `TOTAL=${results.length}`];
    const failed = count('error') + count('fail') > 0;
    this.line(this.paint(`${failed ? 'Finished with errors' : 'Done'} in ${elapsed.toFixed(2)}s. ${parts.join(' ')}`, failed ? 31 : 32));
  }

  private paint(text: string, code: number): string {
    return this.options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  private line(text: string): void {
    this.options.out.write(`${text}\n`);
  }
}

function describeKind(node: ManifestNode): string {
  if (node.resourceType === 'model') return node.config.materialized;
  if (node.resourceType === 'test') return 'test';
  if (node.resourceType === 'unit_test') return 'unit test';
  return node.resourceType;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** Color only on a TTY, never with NO_COLOR set (https://no-color.org). */
export function shouldUseColor(stream: NodeJS.WritableStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR) return true;
  return Boolean((stream as NodeJS.WriteStream).isTTY);
}
