import path from 'node:path';
import type { ManifestNode } from '../manifest/types.js';

/** The project's target folder (target-path, relative to the project root). */
export function targetDirOf(project: { readonly root: string; readonly config: { readonly targetPath: string } }): string {
  return path.resolve(project.root, project.config.targetPath);
}

/** Where a node's compiled SQL goes under target/compiled/<project>/; a generic test's under its yml file's path, as dbt (models/schema.yml/<test>.sql). */
export function compiledPathOf(node: ManifestNode): string {
  // Also nodes defined in a yml file itself (a snapshot with `relation:`): the yml's path is a folder there.
  if ((node.resourceType === 'test' && node.testType === 'generic') || /\.ya?ml$/i.test(node.originalFilePath)) return path.posix.join(node.originalFilePath, `${node.name}.sql`);
  return node.originalFilePath;
}
