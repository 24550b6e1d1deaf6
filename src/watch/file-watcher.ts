import { watch } from 'chokidar';
import type { ChangeEvent } from './rebuild-queue.js';
import type { WatchTargets } from './watch-targets.js';

export interface FileWatcher {
  close(): Promise<void>;
}

export interface FileWatcherOptions {
  readonly targets: WatchTargets;
  readonly ignored: (absPath: string) => boolean;
  readonly onEvent: (event: ChangeEvent) => void;
  readonly onError: (error: unknown) => void;
}

const KINDS = new Set<ChangeEvent['kind']>(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);

/**
 * Watch folders and single files (never globs: chokidar 4+ silently ignores them). `atomic` turns
 * an editor's write-temp-then-rename save into one `change`. Resolves once the initial scan is done.
 */
export async function startFileWatcher(options: FileWatcherOptions): Promise<FileWatcher> {
  const watcher = watch([...options.targets.folders, ...options.targets.files], {
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
