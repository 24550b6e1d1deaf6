import fs from 'node:fs';
import path from 'node:path';
import { writeCompiledSql } from '../artifacts/write-artifacts.js';
import { errorDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { PlanError } from '../errors/plan-error.js';
import type { QueryResult } from '../engine/types.js';
import type { PreparedProject } from '../pipeline/prepare.js';

/**
 * dbt's analyses: the .sql files under analysis-paths, rendered like models (ref, source, var,
 * macros) into target/compiled/<project>/<path>, and never run. Returns how many compiled and the
 * problems of the others.
 */
export async function compileAnalyses(
  prepared: PreparedProject,
  targetDir: string,
  runQuery: (sql: string) => Promise<QueryResult>,
): Promise<{ compiled: number; problems: Diagnostic[] }> {
  const { compiler, manifest } = prepared.rendered;
  const problems: Diagnostic[] = [];
  let compiled = 0;
  for (const file of analysisFiles(prepared.project.root, prepared.project.config.analysisPaths)) {
    const text = fs.readFileSync(path.join(prepared.project.root, file), 'utf8');
    const name = path.posix.basename(file, '.sql');
    try {
      const sql = await compiler.withQueries((introspection) => compiler.compileText(text, file, name, introspection), runQuery, file);
      writeCompiledSql(targetDir, manifest.projectName, file, sql);
      compiled += 1;
    } catch (error) {
      problems.push(error instanceof PlanError ? { ...error.toDiagnostic(), file: error.file ?? file } : errorDiagnostic('compile.error', String(error), { file }));
    }
  }
  return { compiled, problems };
}

/** The .sql files under the analysis folders, as project-relative POSIX paths, sorted. */
function analysisFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  for (const folder of folders) {
    const dir = path.join(root, folder);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.sql')) files.push(path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    }
  }
  return files.sort();
}
