import fs from 'node:fs';
import path from 'node:path';
import type { Checked } from '../errors/diagnostic.js';
import { loadProject, readSourceFile, type LoadProjectOptions } from '../project/index.js';
import type { LoadedProject, SourceFile } from '../project/types.js';
import type { ChangeEvent } from './rebuild-queue.js';
import { classifyChange, type ChangeKind } from './watch-targets.js';

export interface RefreshedProject extends Checked<LoadedProject | undefined> {
  /** True when the whole project was read again (config, property files, docs, folders changed). */
  readonly fullReload: boolean;
  /** The kind of each changed file, by project-relative posix path. */
  readonly kinds: ReadonlyMap<string, ChangeKind>;
}

type FileList = 'models' | 'seeds' | 'macros' | 'genericTestFiles' | 'singularTests';
const LIST_OF: Partial<Record<ChangeKind, FileList>> = {
  model: 'models',
  seed: 'seeds',
  macro: 'macros',
  generic_test: 'genericTestFiles',
  singular_test: 'singularTests',
};
/** Files only a full read handles correctly: cross-file checks (duplicates, fixtures) live there. */
const FULL_RELOAD: ReadonlySet<ChangeKind> = new Set(['config', 'property', 'docs', 'fixture', 'snapshot']);

/**
 * The project after `changes`: a changed .sql or .csv file is read again and swapped into the
 * previous LoadedProject; anything else (project.yml, profiles.yml, property files, docs, fixtures,
 * folders added or removed) reads the whole project again. Without a previous project, a full read.
 */
export function refreshProject(root: string, previous: LoadedProject | undefined, changes: ReadonlyMap<string, ChangeEvent['kind']>, load?: LoadProjectOptions): RefreshedProject {
  const kinds = new Map<string, ChangeKind>();
  let full = previous === undefined;
  for (const [absPath, kind] of changes) {
    const rel = toPosix(path.relative(root, absPath));
    const changeKind = previous ? classifyChange(rel, previous.config) : 'other';
    kinds.set(rel, changeKind);
    if (kind === 'addDir' || kind === 'unlinkDir' || FULL_RELOAD.has(changeKind)) full = true;
  }
  if (full || !previous) return { ...loadProject(root, load), fullReload: true, kinds };

  const lists: Record<FileList, SourceFile[]> = {
    models: [...previous.models],
    seeds: [...previous.seeds],
    macros: [...previous.macros],
    genericTestFiles: [...previous.genericTestFiles],
    singularTests: [...previous.singularTests],
  };
  for (const [rel, changeKind] of kinds) {
    const listName = LIST_OF[changeKind];
    if (!listName) continue;
    const list = lists[listName];
    const at = list.findIndex((f) => f.path === rel);
    const file = readIfPresent(root, rel, rootDirOf(rel, previous, changeKind));
    if (at >= 0 && file) list[at] = file;
    else if (at >= 0) list.splice(at, 1);
    else if (file) insertSorted(list, file);
  }
  return { value: { ...previous, ...lists }, diagnostics: [], fullReload: false, kinds };
}

function readIfPresent(root: string, rel: string, rootDir: string): SourceFile | undefined {
  if (!fs.existsSync(path.join(root, rel))) return undefined;
  try {
    return readSourceFile(root, rel, rootDir);
  } catch {
    // Deleted (or replaced) between the event and the read: the next event brings it back.
    return undefined;
  }
}

function rootDirOf(rel: string, project: LoadedProject, kind: ChangeKind): string {
  const c = project.config;
  const dirs = kind === 'model' ? c.modelPaths : kind === 'seed' ? c.seedPaths : kind === 'macro' ? c.macroPaths : c.testPaths;
  const normalized = dirs.map((d) => d.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, ''));
  return normalized.find((d) => d === '' || rel.startsWith(`${d}/`)) ?? normalized[0] ?? '';
}

function insertSorted(list: SourceFile[], file: SourceFile): void {
  const at = list.findIndex((f) => f.path > file.path);
  if (at < 0) list.push(file);
  else list.splice(at, 0, file);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
