import type { ManifestNode } from '../../manifest/types.js';
import { fnmatch, pathGlob } from '../glob.js';
import type { SelectorMethod } from './selector-method.js';

/**
 * `path:models/staging`, `path:models/staging/stg_orders.sql`, `path:models/staging/*.sql`:
 * relative to the project root. A folder selects everything below it. A model is also
 * selected through the yml file that describes it (its patch path), as in dbt.
 */
export const pathMethod: SelectorMethod = {
  name: 'path',
  matches(node, value) {
    const pattern = normalizePath(value);
    if (pattern === '' || pattern === '.') return true;
    return nodePaths(node).some((p) => p === pattern || folders(p).some((f) => pathGlob(f, pattern)) || pathGlob(p, pattern));
  },
};

/** `file:stg_orders.sql` or `file:stg_orders`: the file name, with or without extension. */
export const fileMethod: SelectorMethod = {
  name: 'file',
  matches(node, value) {
    const base = node.originalFilePath.split('/').pop() ?? '';
    const dot = base.lastIndexOf('.');
    const stem = dot > 0 ? base.slice(0, dot) : base;
    return fnmatch(base, value) || fnmatch(stem, value);
  },
};

export function normalizePath(value: string): string {
  let p = value.replaceAll('\\', '/');
  while (p.startsWith('./')) p = p.slice(2);
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

function nodePaths(node: ManifestNode): string[] {
  const paths = [normalizePath(node.originalFilePath)];
  if (node.resourceType === 'model' && node.patchPath) paths.push(normalizePath(node.patchPath.replace(/^[^:]*:\/\//, '')));
  return paths;
}

/** 'models/staging/a.sql' -> ['models', 'models/staging']. */
function folders(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}
