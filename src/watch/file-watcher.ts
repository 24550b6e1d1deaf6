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
  watcher.on('all', (kind, changedPath) => {
    if (!KINDS.has(kind as ChangeEvent['kind'])) return;
    options.onEvent({ path: changedPath, kind: kind as ChangeEvent['kind'], at: performance.now() });
  });
  watcher.on('error', (error) => options.onError(error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { close: () => watcher.close() };
}
