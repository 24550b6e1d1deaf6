import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files under `root/dir` (recursively) whose names end with one of `extensions`, as posix paths
 * relative to `root`, sorted. Dot-folders, dot-files and `exclude`d paths (relative to root) are
 * skipped. A missing `dir` gives [].
 */
export function listFiles(root: string, dir: string, extensions: readonly string[], exclude: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (exclude.has(child)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(join(root, child));
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) walk(child);
      else if (isFile && extensions.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(child);
    }
  };
  walk(normalizeDir(dir));
  return out.sort();
}

/** `./models/` -> `models`, `a\\b` -> `a/b`. */
export function normalizeDir(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}
