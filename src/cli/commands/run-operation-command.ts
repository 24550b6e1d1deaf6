import { randomUUID } from 'node:crypto';
import YAML from 'yaml';
import { closestNames } from '../../config/closest-name.js';
import { isPlainObject } from '../../config/key-path.js';
import { openEngine } from '../../engine/index.js';
import { ConfigError, ExecutionError, PlanError, RenderError } from '../../errors/plan-error.js';
import { engineOptionsOf } from '../../pipeline/engine-options.js';
import { prepareForCommand } from '../prepare-for-command.js';
import type { ProjectOptions } from '../common-options.js';
import { writeLine, type CliIO } from '../io.js';

export interface RunOperationOptions extends ProjectOptions {
  readonly args?: string;
}

/**
 * plan run-operation <macro> [--args '{...}']: dbt's run-operation. The macro runs against the
 * database: its run_query() and {% call statement %} blocks execute, in order, each once. Exit 1
 * when a statement fails, 2 for an unknown macro or bad --args.
 */
export async function runOperationCommand(macro: string, options: RunOperationOptions, io: CliIO): Promise<number> {
  const kwargs = parseArgs(options.args);
  const prepared = prepareForCommand(options, io, 'run-operation', { invocationId: randomUUID() });
  const { compiler, manifest } = prepared.rendered;
  const [pkg, name] = macro.includes('.') ? (macro.split('.', 2) as [string, string]) : [undefined, macro];
  const known = [...manifest.macros.values()].filter((m) => m.name === name && (pkg === undefined || m.packageName === pkg));
  if (known.length === 0) {
    const close = closestNames(macro, [...manifest.macros.values()].map((m) => (m.packageName === manifest.projectName ? m.name : `${m.packageName}.${m.name}`)));
    throw new RenderError('cli.unknown_macro', `run-operation: no macro named '${macro}' in the project or its packages`, {
      hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : 'define it in a .sql file under the macro paths',
    });
  }
  const file = known[0].originalFilePath;
  writeLine(io.stdout, `Running operation ${macro}`);
  const engine = await openEngine(engineOptionsOf(prepared.target, 1, prepared.project.root));
  try {
    await engine.withConnection((conn) => compiler.withQueries((introspection) => compiler.runMacro(macro, kwargs, file, introspection), (sql) => conn.query(sql), file));
  } catch (error) {
    if (error instanceof PlanError && !(error instanceof ExecutionError)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ExecutionError('run.operation_failed', `run-operation ${macro} failed: ${message}`, { file, hint: error instanceof PlanError ? error.hint : undefined });
  } finally {
    await engine.close();
  }
  return 0;
}

/** --args takes YAML (JSON included), a mapping of the macro's keyword arguments. */
function parseArgs(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = YAML.parse(text);
  } catch (error) {
    throw new ConfigError('cli.args', `--args is not valid YAML: ${error instanceof Error ? error.message : String(error)}`, { hint: "pass a mapping, e.g. --args '{table: orders, days: 7}'" });
  }
  if (value === null || value === undefined) return {};
  if (!isPlainObject(value)) throw new ConfigError('cli.args', '--args must be a mapping of argument names to values', { hint: "e.g. --args '{table: orders, days: 7}'" });
  return value as Record<string, unknown>;
}
