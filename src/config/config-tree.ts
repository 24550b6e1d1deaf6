import type { Diagnostic } from '../errors/diagnostic.js';
import type { ConfigTree } from './types.js';
import type { ResourceType } from './config-names.js';
import { isConfigKey, normalizeConfigKey } from './config-names.js';
import { checkConfigBlock } from './config-values.js';
import { formatKeyPath, isPlainObject } from './key-path.js';
import { mergeConfigLayers } from './merge-config.js';
import type { CheckContext } from './schema-check.js';

/** The configs written directly at one level of a tree (not in nested folders), keys normalized. */
function configsAt(level: unknown, resourceType: ResourceType | 'any'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isPlainObject(level)) return out;
  for (const [key, value] of Object.entries(level)) {
    if (isConfigKey(resourceType, key, value)) out[normalizeConfigKey(key)] = value;
  }
  return out;
}

/**
 * The folder-level config for a node whose fqn is `[projectName, ...fqnFolders]`: the tree's
 * top-level `+` configs, then `tree[projectName]`'s, then each nested folder's, inner winning
 * (tags and hooks accumulate, meta merges). The node's own name may end `fqnFolders`.
 */
export function resolveFolderConfig(
  tree: ConfigTree,
  projectName: string,
  fqnFolders: readonly string[],
  resourceType: ResourceType | 'any' = 'any',
): Record<string, unknown> {
  const layers: Record<string, unknown>[] = [configsAt(tree, resourceType)];
  let level: unknown = tree[projectName];
  for (const folder of [undefined, ...fqnFolders]) {
    if (folder !== undefined) level = isPlainObject(level) ? level[folder] : undefined;
    if (!isPlainObject(level)) break;
    layers.push(configsAt(level, resourceType));
  }
  return mergeConfigLayers(layers);
}

/**
 * Checks a `models:` / `seeds:` / ... tree from project.yml: at every level, `+key` and known
 * bare config names are configs (checked by checkConfigBlock), mappings are folders (walked),
 * and anything else is an unknown config. `ctx.basePath` is the tree's own path, e.g. ['models'].
 */
export function checkConfigTree(resourceType: ResourceType, tree: unknown, ctx: CheckContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const walk = (level: unknown, path: readonly (string | number)[]): void => {
    if (level === null || level === undefined) return;
    if (!isPlainObject(level)) {
      diagnostics.push({
        severity: 'error',
        code: `${ctx.codePrefix}.invalid_value`,
        message: `${formatKeyPath(path, ctx.doc.value)}: expected a mapping of folders and +configs, found ${Array.isArray(level) ? 'a list' : typeof level}`,
        file: ctx.doc.file,
        line: ctx.doc.lineOf(path),
      });
      return;
    }
    const block: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(level)) {
      if (isConfigKey(resourceType, key, value) || !(isPlainObject(value) || value === null)) block[key] = value;
      else walk(value, [...path, key]);
    }
    diagnostics.push(...checkConfigBlock(resourceType, block, { ...ctx, basePath: path }));
  };
  walk(tree, ctx.basePath);
  return diagnostics;
}
