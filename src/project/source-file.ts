import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from './types.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads `root/path` (path posix, relative to root) into a SourceFile. */
export function readSourceFile(root: string, path: string, rootDir: string): SourceFile {
  const absPath = join(root, path);
  const contents = readFileSync(absPath, 'utf8');
  return { path, absPath, contents, checksum: sha256(contents), rootDir };
}
