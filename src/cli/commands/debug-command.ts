import { loadProjectConfig, loadTarget } from '../../config/index.js';
import { formatDiagnostic, hasErrors } from '../../errors/diagnostic.js';
import { EXIT_INVALID, PlanError } from '../../errors/plan-error.js';
import { PLAN_VERSION } from '../../pipeline/version.js';
import { loadOptionsOf, projectDirOf, type ProjectOptions } from '../common-options.js';
import { writeLine, type CliIO } from '../io.js';
import { engineOptionsOf } from '../../pipeline/engine-options.js';

/** plan debug: which files are used, the resolved target, and whether DuckDB opens it. */
export async function debugCommand(options: ProjectOptions, io: CliIO): Promise<number> {
  const out = (text: string): void => writeLine(io.stdout, text);
  const projectDir = projectDirOf(options, io.cwd);
  out(`plan version: ${PLAN_VERSION}`);
  out(`node version: ${process.version}`);
  out(`project dir: ${projectDir}`);
  const project = loadProjectConfig(projectDir, undefined, loadOptionsOf(options).overrides);
  for (const d of project.diagnostics) out(formatDiagnostic(d));
  if (!project.value || hasErrors(project.diagnostics)) {
    out('project file: ERROR');
    return EXIT_INVALID;
  }
  out(`project file: ${project.value.configFile} OK (name: ${project.value.name}, profile: ${project.value.profile})`);
  const target = loadTarget({ projectDir, profilesDir: options.profilesDir, profileName: project.value.profile, target: options.target });
  for (const d of target.diagnostics) out(formatDiagnostic(d));
  if (!target.value || hasErrors(target.diagnostics)) {
    out('profile: ERROR');
    return EXIT_INVALID;
  }
  const t = target.value;
  out(`profiles file: ${t.profilesFile} OK`);
  out(`target: ${t.targetName} (type ${t.type}, path ${t.path}, schema ${t.schema}, threads ${t.threads})`);
  try {
    const { openEngine } = await import('../../engine/index.js');
    const engine = await openEngine(engineOptionsOf(t, 1, projectDir));
    try {
      const version = await engine.withConnection((conn) => conn.query('select version() as v'));
      out(`duckdb: ${String(version.rows[0]?.v)} connection OK`);
    } finally {
      await engine.close();
    }
  } catch (error) {
    out(`connection: ERROR ${error instanceof PlanError ? error.message : String(error)}`);
    return 1;
  }
  out('All checks passed!');
  return 0;
}
