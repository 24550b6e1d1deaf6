import { randomUUID } from 'node:crypto';
import { manifestJson } from '../../artifacts/manifest-json.js';
import { writeCompiledSql, writeJsonArtifact } from '../../artifacts/write-artifacts.js';
import { errorDiagnostic, type Diagnostic } from '../../errors/diagnostic.js';
import { DiagnosticsError, PlanError } from '../../errors/plan-error.js';
import { compiledPathOf, targetDirOf } from '../../artifacts/artifact-paths.js';
import { prepareForCommand } from '../prepare-for-command.js';
import { PLAN_VERSION } from '../../pipeline/version.js';
import { selectNodes } from '../../select/index.js';
import { selectionSpecOf, yamlSelectorsOf } from '../../pipeline/selection.js';
import { previousStateOf, type ProjectOptions, type SelectionOptions } from '../common-options.js';
import { writeLine, type CliIO } from '../io.js';
import type { Engine, QueryResult } from '../../engine/types.js';
import { engineOptionsOf } from '../../pipeline/engine-options.js';
import { compileAnalyses } from '../compile-analyses.js';
import type { PreparedProject } from '../../pipeline/prepare.js';

export interface CompileOptions extends ProjectOptions, SelectionOptions {
  readonly inline?: string;
  readonly quiet?: boolean;
}

/**
 * plan compile: render every selected model and test to SQL under target/compiled and write
 * manifest.json, without writing to the database (is_incremental() is false). The database is
 * opened read-only only when a template queries it (run_query, adapter.get_columns_in_relation...).
 * With one node selected, or --inline, the compiled SQL is printed.
 */
export async function compileCommand(options: CompileOptions, io: CliIO): Promise<number> {
  const invocationId = randomUUID();
  const prepared = prepareForCommand(options, io, 'compile', { invocationId });

  let engine: Promise<Engine> | undefined;
  const runQuery = async (sql: string): Promise<QueryResult> => {
    // Loaded only here: compiling a project that never queries does not load DuckDB at all.
    engine ??= import('../../engine/index.js').then(({ openEngine }) => openEngine({ ...engineOptionsOf(prepared.target, 1, prepared.project.root), readOnly: true }));
    return (await engine).withConnection((conn) => conn.query(sql));
  };
  try {
    return await compileSelected(options, io, prepared, invocationId, runQuery);
  } finally {
    if (engine) await (await engine.catch(() => undefined))?.close();
  }
}

async function compileSelected(options: CompileOptions, io: CliIO, prepared: PreparedProject, invocationId: string, runQuery: (sql: string) => Promise<QueryResult>): Promise<number> {
  const { manifest, compiler } = prepared.rendered;
  const targetDir = targetDirOf(prepared.project);
  if (options.inline !== undefined) {
    const inline = options.inline;
    writeLine(io.stdout, await compiler.withQueries((introspection) => compiler.compileText(inline, '<inline>', 'inline', introspection), runQuery, '<inline>'));
    return 0;
  }

  const spec = selectionSpecOf(prepared, options);
  const selected = selectNodes(manifest, prepared.dag, spec, { indirectSelection: options.indirectSelection, previous: previousStateOf(options, io.cwd) });
  const problems: Diagnostic[] = [];
  const compiled: { id: string; sql: string }[] = [];
  let analysesCompiled = 0;
  for (const id of prepared.dag.topologicalOrder()) {
    if (!selected.has(id)) continue;
    const node = manifest.nodes.get(id);
    if (!node || (node.resourceType !== 'model' && node.resourceType !== 'snapshot' && node.resourceType !== 'test')) continue;
    try {
      const sql = await compiler.withQueries(
        (introspection) =>
          node.resourceType === 'model'
            ? compiler.compileModel(node, { introspection })
            : node.resourceType === 'snapshot'
              ? compiler.compileSnapshot(node, { introspection })
              : compiler.compileTest(node, { introspection }),
        runQuery,
        node.originalFilePath,
      );
      writeCompiledSql(targetDir, manifest.projectName, compiledPathOf(node), sql);
      compiled.push({ id, sql });
    } catch (error) {
      problems.push(error instanceof PlanError ? { ...error.toDiagnostic(), file: error.file ?? node.originalFilePath } : errorDiagnostic('compile.error', String(error), { file: node.originalFilePath }));
    }
  }
  // Analyses are not nodes here: they compile with a whole-project compile, as `dbt compile` does.
  if (options.select === undefined) {
    const analyses = await compileAnalyses(prepared, targetDir, runQuery);
    problems.push(...analyses.problems);
    analysesCompiled = analyses.compiled;
  }
  writeJsonArtifact(targetDir, 'manifest.json', manifestJson(manifest, prepared.dag, { invocationId, generatedAt: new Date(), planVersion: PLAN_VERSION }, yamlSelectorsOf(prepared.project)?.raw));
  if (problems.length > 0) throw new DiagnosticsError(problems);
  if (compiled.length === 1 && options.select !== undefined) writeLine(io.stdout, compiled[0].sql);
  else if (!options.quiet) {
    const analyses = analysesCompiled > 0 ? ` and ${analysesCompiled} analys${analysesCompiled === 1 ? 'is' : 'es'}` : '';
    writeLine(io.stdout, `Compiled ${compiled.length} node${compiled.length === 1 ? '' : 's'}${analyses} to ${targetDir}/compiled`);
  }
  return 0;
}
