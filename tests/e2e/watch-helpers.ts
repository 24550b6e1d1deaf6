import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PLAN_BIN } from '../helpers/run-cli.js';

/** A running `plan watch` subprocess whose output is collected as it comes. */
export class WatchProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(cwd: string, args: readonly string[] = []) {
    this.child = spawn(process.execPath, [PLAN_BIN, 'watch', ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', PLAN_WATCH_TIMINGS: '1' },
    });
    this.child.stdout.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** Output from `from` on, once `predicate` holds for it; fails after `timeoutMs` with what was printed. */
  async waitFor(predicate: (text: string) => boolean, from = 0, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const text = this.stdout.slice(from);
      if (predicate(text)) return text;
      if (this.child.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`timed out waiting for watch output.\n--- stdout from offset ${from} ---\n${this.stdout.slice(from)}\n--- stderr ---\n${this.stderr}`);
  }

  /** The output of the next rebuild: from now until the next "watching for changes" line. */
  async nextRebuild(action: () => void, timeoutMs = 60_000): Promise<string> {
    const from = this.stdout.length;
    action();
    return this.waitFor((t) => t.includes('changed:') && /watching for changes/.test(t.slice(t.indexOf('changed:'))), from, timeoutMs);
  }

  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Node lines of a rebuild report: the names after the status column. */
export function builtNames(report: string): string[] {
  const names: string[] = [];
  for (const line of report.split('\n')) {
    const m = /^\s+\d+\/\d+ (?:OK|PASS|WARN|FAIL|ERROR|SKIP)\s+\S+(?: test)?\s+(\S+)/.exec(line);
    if (m) names.push(m[1]);
  }
  return names.sort();
}

export function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
