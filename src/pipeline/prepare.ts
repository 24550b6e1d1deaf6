import path from 'node:path';
import { loadTarget } from '../config/index.js';
import type { TargetConfig } from '../config/types.js';
import { hasErrors, type Diagnostic } from '../errors/diagnostic.js';
import { DiagnosticsError } from '../errors/plan-error.js';
import { buildGraph } from '../graph/build-graph.js';
import type { Dag } from '../graph/dag.js';
import { loadProject, type LoadProjectOptions } from '../project/index.js';
import type { LoadedProject } from '../project/types.js';
import { renderProject, type RenderedProject } from '../render/index.js';

export interface PrepareOptions {
  readonly projectDir: string;
  readonly profilesDir?: string;
  readonly target?: string;
  /** --vars, already parsed; they win over the project's vars. */
  readonly cliVars?: Readonly<Record<string, unknown>>;
  readonly invocationId?: string;
  readonly flags?: Readonly<Record<string, unknown>>;
  readonly log?: (message: string) => void;
  /** A project already read from disk (the year loop reads it once and renders it per year). */
  readonly project?: LoadedProject;
  /** --profile, --target-path, --no-partial-parse: how the project is read when `project` is not given. */
  readonly load?: LoadProjectOptions;
  /** Extra checks on the rendered project (e.g. contracts) whose errors also stop the command. */
  readonly extraChecks?: (prepared: Omit<PreparedProject, 'warnings'>) => readonly Diagnostic[];
}

export interface PreparedProject {
  readonly project: LoadedProject;
  readonly target: TargetConfig;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly rendered: RenderedProject;
  readonly dag: Dag;
  /** Warning-level diagnostics, for the reporter to print. */
  readonly warnings: readonly Diagnostic[];
}

/**
 * load project -> load target -> render -> graph. Collects every diagnostic on the way and throws
 * one DiagnosticsError (exit 2) listing them all when any is an error; nothing has touched the
 * database by then.
 */
export function prepareProject(options: PrepareOptions): PreparedProject {
  const { prepared, diagnostics } = collectProject(options);
  if (!prepared || hasErrors(diagnostics)) throw new DiagnosticsError(diagnostics);
  return { ...prepared, warnings: diagnostics.filter((d) => d.severity === 'warning') };
}

/**
 * The same stages, returning whatever could be built alongside every diagnostic: `plan check`
 * goes on with the nodes that did render, to report all problems in one pass.
 */
export function collectProject(options: PrepareOptions): { prepared?: Omit<PreparedProject, 'warnings'>; diagnostics: Diagnostic[] } {
  const projectDir = path.resolve(options.projectDir);
  const diagnostics: Diagnostic[] = [];
  const loaded = options.project ? { value: options.project, diagnostics: [] } : loadProject(projectDir, options.load);
  diagnostics.push(...loaded.diagnostics);
  const project = loaded.value;
  if (!project) return { diagnostics };

  const targetResult = loadTarget({ projectDir, profilesDir: options.profilesDir, profileName: project.config.profile, target: options.target });
  diagnostics.push(...targetResult.diagnostics);
  const target = targetResult.value;
  if (!target) return { diagnostics };

  // Packages' var defaults (dbt_date:time_zone...) under the project's, under --vars.
  const packageVars = Object.assign({}, ...project.packages.map((p) => p.vars)) as Record<string, unknown>;
  const vars = { ...packageVars, ...project.config.vars, ...(options.cliVars ?? {}) };
  const rendered = renderProject(project, {
    target,
    vars,
    invocationId: options.invocationId,
    flags: options.flags,
    log: options.log,
  });
  diagnostics.push(...rendered.diagnostics);
  if (!rendered.value) return { diagnostics };

  const graph = buildGraph(rendered.value.manifest);
  diagnostics.push(...graph.diagnostics);
  const prepared = { project, target, vars, rendered: rendered.value, dag: graph.value };
  if (options.extraChecks) diagnostics.push(...options.extraChecks(prepared));
  return { prepared, diagnostics };
}
