import { DiagnosticsError } from '../../../src/errors/plan-error.js';
import type { Diagnostic } from '../../../src/errors/diagnostic.js';
import type { ModelNode } from '../../../src/manifest/types.js';
import { prepareProject, type PrepareOptions, type PreparedProject } from '../../../src/pipeline/prepare.js';
import { makeProject, type ProjectFiles } from '../../helpers/temp-project.js';

export type PrepareExtra = Omit<PrepareOptions, 'projectDir'>;

/** Write `files` to a temp project and run load -> render -> graph on it (no database). */
export function prepare(files: ProjectFiles, extra: PrepareExtra = {}): PreparedProject {
  return prepareProject({ projectDir: makeProject(files), invocationId: 'inv-1', ...extra });
}

/** The error-level diagnostics of a project that must not prepare. Fails the test if it prepares. */
export function diagnosticsOf(files: ProjectFiles, extra: PrepareExtra = {}): readonly Diagnostic[] {
  try {
    prepare(files, extra);
  } catch (error) {
    if (error instanceof DiagnosticsError) return error.diagnostics.filter((d) => d.severity === 'error');
    throw error;
  }
  throw new Error('expected the project to fail to prepare');
}

export function modelOf(prepared: PreparedProject, name: string): ModelNode {
  const node = prepared.rendered.manifest.nodes.get(`model.test.${name}`);
  if (!node || node.resourceType !== 'model') throw new Error(`no model ${name}`);
  return node;
}

/** Compiled SQL of a model, whitespace collapsed. */
export function compiled(prepared: PreparedProject, name: string, options: { isIncremental?: boolean } = {}): string {
  return prepared.rendered.compiler.compileModel(modelOf(prepared, name), options).replace(/\s+/g, ' ').trim();
}
