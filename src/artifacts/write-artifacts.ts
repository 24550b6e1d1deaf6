import fs from 'node:fs';
import path from 'node:path';

/** Write a JSON artifact atomically (temp file + rename) so a reader never sees half a file. */
export function writeJsonArtifact(targetDir: string, name: string, value: unknown): string {
  fs.mkdirSync(targetDir, { recursive: true });
  const file = path.join(targetDir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return file;
}

/**
 * target/compiled/<project>/<original file path>; generic tests go under their yml's folder.
 * A file that already holds this SQL is left alone: rewriting (truncating) thousands of unchanged
 * files is the slowest part of a recompile on some file systems, and it churns watchers' mtimes.
 */
export function writeCompiledSql(targetDir: string, projectName: string, relativePath: string, sql: string): string {
  const file = path.join(targetDir, 'compiled', projectName, relativePath);
  const text = sql.endsWith('\n') ? sql : `${sql}\n`;
  if (readIfExists(file) === text) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
