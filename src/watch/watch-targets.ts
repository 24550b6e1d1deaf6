import path from 'node:path';
import type { ProjectConfig } from '../config/types.js';

/**
 * The folders and single files whose changes matter. Globs are never used (chokidar 4+ ignores
 * them silently); the watcher watches the project root and skips everything else (isWatchedPath).
 */
export interface WatchTargets {
  readonly folders: readonly string[];
  readonly files: readonly string[];
}

/** The kind of project file a path is; decides how much must be re-read. */
export type ChangeKind = 'config' | 'model' | 'seed' | 'snapshot' | 'macro' | 'generic_test' | 'singular_test' | 'fixture' | 'property' | 'docs' | 'other';

const CONFIG_FILES = ['project.yml', 'dbt_project.yml', 'profiles.yml'];
const ALWAYS_SKIPPED = new Set(['node_modules', 'dbt_packages', 'logs']);

/** Model, seed, snapshot, macro, test and docs folders plus project.yml/dbt_project.yml/profiles.yml. */
export function watchTargets(root: string, config: ProjectConfig, profilesFile?: string): WatchTargets {
  const dirs = [...config.modelPaths, ...config.seedPaths, ...config.snapshotPaths, ...config.macroPaths, ...config.testPaths, ...config.docsPaths];
  const folders = [...new Set(dirs.map((d) => path.resolve(root, d)))].filter((d) => !isInside(d, path.resolve(root, config.targetPath)));
  const files = new Set(CONFIG_FILES.map((f) => path.join(root, f)));
  if (profilesFile) files.add(path.resolve(profilesFile));
  return { folders, files: [...files] };
}

/**
 * Whether the watcher should look at `absPath`: the root itself, a watched file, anything inside a
 * watched folder, or a folder on the way to one (`tests/` for `tests/data`). Watching the root this
 * way also notices a watched folder or file that is created later; passing chokidar a path that
 * does not exist yet made it report ready before its watches were in place (events were lost).
 */
export function isWatchedPath(absPath: string, root: string, targets: WatchTargets): boolean {
  const p = path.resolve(absPath);
  if (p === path.resolve(root) || targets.files.includes(p)) return true;
  return targets.folders.some((folder) => isInside(p, folder) || isInside(folder, p));
}

/**
 * Paths the watcher never reports: the target folder, node_modules, dot-files and dot-folders, and
 * editors' temp files (vim's `*.swp` and `4913` probe, `*~` backups, emacs `.#*` locks, JetBrains
 * `___jb_*___`). Only the part below the project root is looked at, so a root under a dot-folder works.
 */
export function isIgnoredPath(absPath: string, root: string, targetPath: string): boolean {
  const rel = path.relative(root, absPath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const parts = rel.split(path.sep);
  const target = path.normalize(targetPath).split(path.sep).filter((p) => p !== '' && p !== '.');
  if (target.length > 0 && target.every((p, i) => parts[i] === p)) return true;
  for (const part of parts) {
    if (part.startsWith('.') || ALWAYS_SKIPPED.has(part)) return true;
  }
  return isEditorTempName(parts[parts.length - 1]);
}

export function isEditorTempName(name: string): boolean {
  return (
    name === '4913' ||
    name.endsWith('~') ||
    /\.sw[a-p]$/.test(name) ||
    name.endsWith('.tmp') ||
    name.startsWith('.#') ||
    /___jb_(tmp|old|bak)___$/.test(name)
  );
}

/** Which kind of project file `rel` (posix, relative to the root) is. */
export function classifyChange(rel: string, config: ProjectConfig): ChangeKind {
  if (CONFIG_FILES.includes(rel)) return 'config';
  const ext = path.posix.extname(rel).toLowerCase();
  const under = (dirs: readonly string[]): string | undefined => dirs.map(normalize).find((d) => d === '' || rel.startsWith(`${d}/`));
  if (ext === '.yml' || ext === '.yaml') return under([...config.modelPaths, ...config.seedPaths, ...config.snapshotPaths, ...config.testPaths, ...config.macroPaths]) !== undefined ? 'property' : 'other';
  if (ext === '.md') return under([...config.modelPaths, ...config.docsPaths]) !== undefined ? 'docs' : 'other';
  if (ext === '.csv') {
    const testRoot = under(config.testPaths);
    if (testRoot !== undefined && isBelow(rel, testRoot, 'fixtures')) return 'fixture';
    return under(config.seedPaths) !== undefined ? 'seed' : 'other';
  }
  if (ext !== '.sql') return 'other';
  if (under(config.modelPaths) !== undefined) return 'model';
  if (under(config.snapshotPaths) !== undefined) return 'snapshot';
  if (under(config.macroPaths) !== undefined) return 'macro';
  const testRoot = under(config.testPaths);
  if (testRoot === undefined) return 'other';
  if (isBelow(rel, testRoot, 'generic')) return 'generic_test';
  if (isBelow(rel, testRoot, 'fixtures')) return 'fixture';
  return 'singular_test';
}

function isBelow(rel: string, root: string, folder: string): boolean {
  return rel.startsWith(root === '' ? `${folder}/` : `${root}/${folder}/`);
}

function normalize(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
