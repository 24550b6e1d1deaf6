import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checked, Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic, warningDiagnostic } from '../errors/diagnostic.js';
import type { ConfigOverrides, ConfigTree, ProjectConfig } from './types.js';
import type { ResourceType } from './config-names.js';
import { checkConfigTree } from './config-tree.js';
import { renderEnvVarsDeep } from './env-var.js';
import { isPlainObject } from './key-path.js';
import type { ProjectFile } from './project-schema.js';
import { projectFileSchema } from './project-schema.js';
import type { CheckContext } from './schema-check.js';
import { checkWithSchema } from './schema-check.js';
import { parseYaml } from './yaml-document.js';

export const PROJECT_FILES = ['project.yml', 'dbt_project.yml'] as const;

function hookList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** Global vars, then the block scoped under the project's own name flattened over them. */
function flattenVars(vars: Readonly<Record<string, unknown>> | null | undefined, projectName: string): Record<string, unknown> {
  if (!vars) return {};
  const { [projectName]: scoped, ...global } = vars;
  if (isPlainObject(scoped)) return { ...global, ...scoped };
  return scoped === undefined ? global : { ...global, [projectName]: scoped };
}

const TREES: readonly (readonly [keyof ProjectFile, ResourceType])[] = [
  ['models', 'model'],
  ['seeds', 'seed'],
  ['snapshots', 'snapshot'],
  ['data_tests', 'test'],
  ['tests', 'test'],
  ['sources', 'source'],
  ['unit_tests', 'unit_test'],
];

function toConfig(file: ProjectFile, configFile: string): ProjectConfig {
  const targetPath = file['target-path'] ?? 'target';
  return {
    configFile,
    flavor: configFile === 'project.yml' ? 'plan' : 'dbt',
    name: file.name,
    version: file.version === undefined ? undefined : String(file.version),
    profile: file.profile ?? file.name,
    modelPaths: file['model-paths'] ?? ['models'],
    seedPaths: file['seed-paths'] ?? ['seeds'],
    snapshotPaths: file['snapshot-paths'] ?? ['snapshots'],
    packagesInstallPath: file['packages-install-path'] ?? 'dbt_packages',
    macroPaths: file['macro-paths'] ?? ['macros'],
    testPaths: file['test-paths'] ?? ['tests'],
    docsPaths: file['docs-paths'] ?? [],
    analysisPaths: file['analysis-paths'] ?? ['analyses'],
    targetPath,
    cleanTargets: file['clean-targets'] ?? [targetPath],
    vars: flattenVars(file.vars, file.name),
    onRunStart: hookList(file['on-run-start']),
    onRunEnd: hookList(file['on-run-end']),
    models: (file.models ?? {}) as ConfigTree,
    seeds: (file.seeds ?? {}) as ConfigTree,
    snapshots: (file.snapshots ?? {}) as ConfigTree,
    dataTests: (file.data_tests ?? file.tests ?? {}) as ConfigTree,
    sources: (file.sources ?? {}) as ConfigTree,
    unitTests: (file.unit_tests ?? {}) as ConfigTree,
  };
}

/**
 * Reads and checks `<projectDir>/project.yml`, else `dbt_project.yml`. Unknown keys are errors in
 * project.yml and warnings in dbt_project.yml; every problem is collected. The value is
 * undefined only when no config could be built (no file, bad YAML, wrong shape).
 */
export function loadProjectConfig(projectDir: string, env?: Readonly<Record<string, string | undefined>>, overrides: ConfigOverrides = {}): Checked<ProjectConfig | undefined> {
  const configFile = PROJECT_FILES.find((f) => existsSync(join(projectDir, f)));
  if (!configFile) {
    return {
      value: undefined,
      diagnostics: [
        errorDiagnostic('config.no_project_file', `no project.yml or dbt_project.yml found in ${projectDir}`, {
          hint: 'run plan from the project folder (or pass --project-dir), or create project.yml with at least `name: my_project`',
        }),
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  if (configFile === 'project.yml' && existsSync(join(projectDir, 'dbt_project.yml'))) {
    diagnostics.push(warningDiagnostic('config.two_project_files', 'both project.yml and dbt_project.yml exist; using project.yml and ignoring dbt_project.yml', { file: 'dbt_project.yml' }));
  }
  const parsed = parseYaml(readFileSync(join(projectDir, configFile), 'utf8'), configFile);
  diagnostics.push(...parsed.diagnostics);
  const doc = parsed.value;
  if (!doc) return { value: undefined, diagnostics };
  if (!isPlainObject(doc.value)) {
    diagnostics.push(errorDiagnostic('config.invalid_value', `${configFile} must be a mapping of keys (name, profile, models...), found ${doc.value === null ? 'an empty file' : 'something else'}`, { file: configFile, line: 1, hint: 'start the file with `name: my_project`' }));
    return { value: undefined, diagnostics };
  }
  const rendered = renderEnvVarsDeep(doc.value, doc, env);
  diagnostics.push(...rendered.diagnostics);
  const ctx: CheckContext = { doc, basePath: [], unknownKeys: configFile === 'project.yml' ? 'error' : 'warning', codePrefix: 'config' };
  const checked = checkWithSchema(projectFileSchema, rendered.value, ctx);
  diagnostics.push(...checked.diagnostics);
  const file = checked.data;
  if (!file) {
    // Still check the config trees, so one run reports every problem in the file.
    const raw = rendered.value as Record<string, unknown>;
    for (const [key, resourceType] of TREES) {
      if (isPlainObject(raw[key])) diagnostics.push(...checkConfigTree(resourceType, raw[key], { ...ctx, basePath: [key] }));
    }
    return { value: undefined, diagnostics };
  }

  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(file.name)) {
    diagnostics.push(errorDiagnostic('config.invalid_name', `name: '${file.name}' is not a valid project name (expected letters, digits and underscores, not starting with a digit)`, { file: configFile, line: doc.lineOf(['name']), hint: `try '${file.name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1')}'` }));
  }
  const configVersion = file['config-version'];
  if (configVersion !== undefined && configVersion !== 2) {
    diagnostics.push(errorDiagnostic('config.invalid_value', `config-version: expected 2, found ${configVersion}`, { file: configFile, line: doc.lineOf(['config-version']), hint: 'plan reads config-version 2 files; set `config-version: 2` or remove the key' }));
  }
  if (file.tests !== undefined && file.data_tests !== undefined) {
    diagnostics.push(errorDiagnostic('config.duplicate_key', "both 'tests' and 'data_tests' are set; they are the same thing", { file: configFile, line: doc.lineOf(['tests']), hint: "move everything under 'data_tests' ('tests' is its old name)" }));
  }
  for (const [key, resourceType] of TREES) {
    if (file[key] !== undefined && file[key] !== null) diagnostics.push(...checkConfigTree(resourceType, file[key], { ...ctx, basePath: [key] }));
  }
  return { value: withOverrides(toConfig(file, configFile), overrides), diagnostics };
}

/** --profile and --target-path over the file's values (clean-targets keeps what the file says). */
function withOverrides(config: ProjectConfig, overrides: ConfigOverrides): ProjectConfig {
  return {
    ...config,
    ...(overrides.profile !== undefined ? { profile: overrides.profile } : {}),
    ...(overrides.targetPath !== undefined ? { targetPath: overrides.targetPath } : {}),
  };
}
