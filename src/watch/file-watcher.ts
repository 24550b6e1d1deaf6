import fs from 'node:fs';
import { watch } from 'chokidar';
import type { ChangeEvent } from './rebuild-queue.js';

export interface FileWatcher {
  close(): Promise<void>;
}

export interface FileWatcherOptions {
  /** Folders (watched recursively) and files that exist; never globs. */
  readonly paths: readonly string[];
  /** Called for every file and folder chokidar meets; true skips it (and, for a folder, all below). */
  readonly ignored: (absPath: string) => boolean;
  readonly onEvent: (event: ChangeEvent) => void;
  readonly onError: (error: unknown) => void;
}

const KINDS = new Set<ChangeEvent['kind']>(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);

/**
 * Watch `paths` (chokidar 4+ silently ignores glob strings). `atomic` turns an editor's
 * write-temp-then-rename save into one `change`. Resolves once the initial scan is done.
 */
export async function startFileWatcher(options: FileWatcherOptions): Promise<FileWatcher> {
  const watcher = watch([...options.paths], {
    ignoreInitial: true,
    atomic: true,
    ignored: (p: string) => options.ignored(p),
  });
  const trailing = new TrailingChangeCheck((changedPath) => options.onEvent({ path: changedPath, kind: 'change', at: performance.now(), trailing: true }));
  watcher.on('all', (kind, changedPath) => {
    if (!KINDS.has(kind as ChangeEvent['kind'])) return;
    options.onEvent({ path: changedPath, kind: kind as ChangeEvent['kind'], at: performance.now() });
    if (kind === 'add' || kind === 'change') trailing.schedule(changedPath);
  });
  watcher.on('error', (error) => options.onError(error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      trailing.close();
      await watcher.close();
    },
  };
}

/**
 * chokidar drops a second `change` of the same file within 50 ms of the first (a leading-edge
 * throttle with no trailing call), so a quick second save, often the one with the final content,
 * would be lost. After each change we look at the file once more when that window has passed and
 * report it again if it was written since.
 */
export const CHOKIDAR_CHANGE_THROTTLE_MS = 50;

class TrailingChangeCheck {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly report: (path: string) => void) {}

  schedule(file: string): void {
    const seen = mtimeOf(file);
    clearTimeout(this.#timers.get(file));
    const timer = setTimeout(() => {
      this.#timers.delete(file);
      const now = mtimeOf(file);
      if (now !== undefined && now !== seen) {
        this.report(file);
        this.schedule(file);
      }
    }, CHOKIDAR_CHANGE_THROTTLE_MS + 20);
    timer.unref();
    this.#timers.set(file, timer);
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}

function mtimeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
