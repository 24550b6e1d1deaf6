import fs from 'node:fs';
import path from 'node:path';
import { startFileWatcher, type FileWatcher } from './file-watcher.js';
import { RebuildQueue } from './rebuild-queue.js';
import { WatchPrinter } from './watch-printer.js';
import { WatchSession, type WatchSessionOptions } from './watch-session.js';
import { isIgnoredPath, isWatchedPath, watchTargets } from './watch-targets.js';

export const DEFAULT_DEBOUNCE_MS = 30;

/** Files that can change a build; others in the watched folders (notes, scripts) start no rebuild. */
const PROJECT_FILE = /\.(sql|csv|ya?ml|md)$/i;

/** The session's options (project, target, vars, selection, output, engine) plus the loop's own. */
export interface WatchOptions extends Omit<WatchSessionOptions, 'printer'> {
  readonly debounceMs: number;
  /** Show the stack of an internal error (a bug in plan). */
  readonly debug: boolean;
  /** Resolves when the session should end; default: the first SIGINT or SIGTERM. */
  readonly stopSignal?: Promise<void>;
}

/**
 * plan watch: build the selection once, then rebuild what each save changes until Ctrl-C. The engine
 * stays open the whole time; on stop the rebuild in progress finishes, the engine closes (releasing
 * the database lock) and the exit code is 0. Only a bad invocation or a locked database at start
 * throws (the CLI prints it and exits 2).
 */
export async function runWatch(options: WatchOptions): Promise<number> {
  const printer = new WatchPrinter(options.out, options.color);
  const session = new WatchSession({ ...options, printer });
  const signal = options.stopSignal ? { stopped: options.stopSignal, dispose: () => {} } : onStopSignal(() => printer.info('\nstopping: finishing the current rebuild, then closing the database'));
  let stopping = false;
  void signal.stopped.then(() => (stopping = true));
  let watcher: FileWatcher | undefined;
  /** Paths whose latest event is the watcher's own re-check (see file-watcher.ts). */
  const trailingOnly = new Set<string>();
  let watchedKey = '';
  const queue = new RebuildQueue({
    debounceMs: options.debounceMs,
    run: async (batch) => {
      const paths = [...batch.changes.keys()];
      const redundant = paths.every((p) => trailingOnly.has(p) && session.readsSameContents(p));
      for (const p of paths) trailingOnly.delete(p);
      // Only re-checks of files the previous rebuild already read as they are now: nothing to do.
      if (redundant) return;
      await session.rebuild(batch);
      await rewatchIfMoved();
      if (!stopping) printer.watching();
    },
    onError: (error) => {
      const message = error instanceof Error ? (options.debug ? (error.stack ?? error.message) : error.message) : String(error);
      printer.error(`internal error during rebuild: ${message}${options.debug ? '' : '\nThis is a bug in plan. Run again with --debug for the stack trace and report it.'}`);
      if (!stopping) printer.watching();
    },
  });

  // The folders to watch come from project.yml: watch again when a rebuild changed them.
  const rewatchIfMoved = async (): Promise<void> => {
    const project = session.project;
    const root = session.root;
    // Before the project could be read, watch everything under the root (to see the fix).
    const targets = project ? watchTargets(root, project.config, session.profilesFile) : { folders: [root], files: [] };
    const key = JSON.stringify(targets);
    if (key === watchedKey || stopping) return;
    await watcher?.close();
    watchedKey = key;
    const targetPath = project?.config.targetPath ?? 'target';
    const outside = targets.files.filter((f) => path.relative(root, f).startsWith('..') && fs.existsSync(f));
    watcher = await startFileWatcher({
      paths: [root, ...outside],
      ignored: (p) => {
        const abs = path.resolve(p);
        return outside.includes(abs) ? false : !isWatchedPath(abs, root, targets) || isIgnoredPath(abs, root, targetPath);
      },
      onEvent: (event) => {
        // A re-check after chokidar's throttle is only news if the file differs from what was last read.
        if (event.trailing && session.readsSameContents(event.path)) return;
        if (event.trailing) trailingOnly.add(event.path);
        else trailingOnly.delete(event.path);
        if (event.kind === 'addDir' || event.kind === 'unlinkDir' || PROJECT_FILE.test(event.path)) queue.add(event);
      },
      onError: (error) => printer.error(`file watcher: ${error instanceof Error ? error.message : String(error)}`),
    });
  };

  try {
    // The first build runs outside the queue so that a locked database or a bad selector ends the
    // command (exit 2) instead of being reported and waited on.
    await session.rebuild();
    if (!stopping) {
      await rewatchIfMoved();
      printer.watching();
      await signal.stopped;
    }
  } finally {
    signal.dispose();
    await queue.close();
    await watcher?.close();
    await session.close();
  }
  return 0;
}

/** Resolves on the first SIGINT/SIGTERM; a second one exits at once (the OS drops the lock). */
function onStopSignal(onFirst: () => void): { readonly stopped: Promise<void>; dispose(): void } {
  let handler: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    let received = false;
    handler = (): void => {
      if (received) process.exit(130);
      received = true;
      onFirst();
      resolve();
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
