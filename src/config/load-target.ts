import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Checked, Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic, warningDiagnostic } from '../errors/diagnostic.js';
import type { TargetConfig } from './types.js';
import { didYouMean } from './closest-name.js';
import { renderEnvVarValue, renderEnvVarsDeep } from './env-var.js';
import { describeValue, isPlainObject } from './key-path.js';
import { checkWithSchema } from './schema-check.js';
import type { YamlDocument } from './yaml-document.js';
import { parseYaml } from './yaml-document.js';

export interface LoadTargetOptions {
  readonly projectDir: string;
  /** --profiles-dir: when given, profiles.yml must be there. */
  readonly profilesDir?: string;
  readonly profileName: string;
  /** --target; defaults to the profile's `target:`. */
  readonly target?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** For tests: stands in for the user's home folder. */
  readonly homeDir?: string;
}

const outputSchema = z.strictObject({
  type: z.string(),
  path: z.string().optional(),
  threads: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)], { error: 'expected a positive whole number' }).optional(),
  schema: z.string().optional(),
  database: z.string().optional(),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]), { error: 'expected a mapping of DuckDB setting names to values' }).nullable().optional(),
  extensions: z.array(z.union([z.string(), z.looseObject({ name: z.string() })]), { error: 'expected a list of extension names' }).nullable().optional(),
  attach: z
    .array(
      z.strictObject({
        path: z.string().min(1, { error: 'expected the path (or connection string) of the database to attach' }),
        alias: z.string().optional(),
        type: z.string().optional(),
        read_only: z.boolean().optional(),
        options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      }),
      { error: 'expected a list of databases to attach, each with a path (and optionally alias, type, read_only, options)' },
    )
    .nullable()
    .optional(),
  // plan's own key (not dbt-duckdb's): rows per row group of a database file plan writes.
  row_group_size: z.number().int().min(2048, { error: 'expected a whole number of rows, at least 2048' }).optional(),
  external_root: z.string().optional(),
});

/** dbt-duckdb output keys plan accepts but does not act on. */
const IGNORED_KEYS = ['plugins', 'filesystems', 'use_credential_provider', 'secrets', 'module_paths', 'disable_transactions', 'keep_open', 'retries', 'config_options', 'is_motherduck', 'motherduck_token', 'reuse_connections'];

/** The folders searched for profiles.yml, in order: explicit dir, env vars, project dir, ~/.plan, ~/.dbt. */
export function profileSearchDirs(opts: LoadTargetOptions): string[] {
  const env = opts.env ?? process.env;
  const home = opts.homeDir ?? homedir();
  const dirs = [opts.profilesDir, env.PLAN_PROFILES_DIR, env.DBT_PROFILES_DIR, opts.projectDir, join(home, '.plan'), join(home, '.dbt')];
  return [...new Set(dirs.filter((d): d is string => typeof d === 'string' && d !== '').map((d) => resolve(d)))];
}

function defaultThreads(): number {
  return Math.min(4, 1 + availableParallelism());
}

/** `:memory:` stays; `~/x` is under home; a relative path is relative to the project folder. */
function resolveDbPath(path: string | undefined, opts: LoadTargetOptions): string {
  if (path === undefined || path === '') return join(resolve(opts.projectDir), `${opts.profileName}.duckdb`);
  if (path === ':memory:' || path.startsWith(':memory:') || path.startsWith('md:')) return path;
  // A URL (s3://, https://...) stays as written.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  if (path === '~' || path.startsWith('~/')) return join(opts.homeDir ?? homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(opts.projectDir, path);
}

/** The catalog name DuckDB gives a database path: the file's stem, or the name after ':memory:' ('memory' alone). */
export function databaseName(path: string): string {
  if (path.startsWith(':memory:')) return path.slice(':memory:'.length) || 'memory';
  return basename(path, extname(path));
}

function findProfilesFile(opts: LoadTargetOptions): { file?: string; diagnostic?: Diagnostic } {
  if (opts.profilesDir !== undefined) {
    const file = join(resolve(opts.profilesDir), 'profiles.yml');
    if (existsSync(file)) return { file };
    return { diagnostic: errorDiagnostic('config.no_profiles', `no profiles.yml in --profiles-dir ${opts.profilesDir}`, { hint: 'point --profiles-dir at the folder that holds profiles.yml' }) };
  }
  const dirs = profileSearchDirs(opts);
  const found = dirs.map((d) => join(d, 'profiles.yml')).find((f) => existsSync(f));
  if (found) return { file: found };
  return {
    diagnostic: errorDiagnostic('config.no_profiles', `no profiles.yml found (looked in ${dirs.join(', ')})`, {
      hint: `create profiles.yml in the project folder:\n    ${opts.profileName}:\n      target: dev\n      outputs:\n        dev:\n          type: duckdb\n          path: ${opts.profileName}.duckdb`,
    }),
  };
}

function listNames(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `'${n}'`).join(', ');
}

/**
 * Finds profiles.yml (see profileSearchDirs), picks `profileName` and its target, renders
 * env_var() in it, and checks it is a duckdb output. Diagnostics name profiles.yml (absolute)
 * and the key path.
 */
export function loadTarget(opts: LoadTargetOptions): Checked<TargetConfig | undefined> {
  const located = findProfilesFile(opts);
  if (!located.file) return { value: undefined, diagnostics: located.diagnostic ? [located.diagnostic] : [] };
  const profilesFile = located.file;
  const parsed = parseYaml(readFileSync(profilesFile, 'utf8'), profilesFile);
  if (!parsed.value) return { value: undefined, diagnostics: parsed.diagnostics };
  return targetFromDocument(parsed.value, profilesFile, opts);
}

function targetFromDocument(doc: YamlDocument, profilesFile: string, opts: LoadTargetOptions): Checked<TargetConfig | undefined> {
  const diagnostics: Diagnostic[] = [];
  const fail = (message: string, path: readonly (string | number)[], hint?: string): Checked<undefined> => ({
    value: undefined,
    diagnostics: [...diagnostics, errorDiagnostic('config.profile', message, { file: profilesFile, line: doc.lineOf(path), hint })],
  });
  const root = isPlainObject(doc.value) ? doc.value : {};
  const profileNames = Object.keys(root).filter((k) => k !== 'config');
  const profile = root[opts.profileName];
  if (!isPlainObject(profile)) {
    return fail(`profile '${opts.profileName}' not found in ${profilesFile}${didYouMean(opts.profileName, profileNames)}; profiles there: ${listNames(profileNames)}`, [], 'add it, or name an existing profile with `profile:` in the project file or with --profile');
  }
  const outputs = isPlainObject(profile.outputs) ? profile.outputs : {};
  const outputNames = Object.keys(outputs);
  let targetName = opts.target;
  if (targetName === undefined && profile.target !== undefined) {
    try {
      targetName = String(renderEnvVarValue(String(profile.target), { file: profilesFile, line: doc.lineOf([opts.profileName, 'target']), env: opts.env }));
    } catch (e) {
      return fail((e as Error).message, [opts.profileName, 'target']);
    }
  }
  if (targetName === undefined && outputNames.length === 1) targetName = outputNames[0];
  if (targetName === undefined) {
    return fail(`${opts.profileName}: no target chosen; set \`target:\` in the profile or pass --target (outputs: ${listNames(outputNames)})`, [opts.profileName]);
  }
  const rawOutput = outputs[targetName];
  if (!isPlainObject(rawOutput)) {
    return fail(`target '${targetName}' not found in profile '${opts.profileName}'${didYouMean(targetName, outputNames)}; targets there: ${listNames(outputNames)}`, [opts.profileName, 'outputs'], 'pass --target with one of those, or add the output');
  }
  const basePath = [opts.profileName, 'outputs', targetName];
  const rendered = renderEnvVarsDeep(rawOutput, doc, opts.env, basePath);
  diagnostics.push(...rendered.diagnostics);
  const output = rendered.value as Record<string, unknown>;
  if (output.type !== 'duckdb') {
    return fail(`${basePath.join('.')}.type: expected 'duckdb', found ${describeValue(output.type)}`, [...basePath, 'type'], 'plan builds into DuckDB only: set `type: duckdb`');
  }
  const known = [...Object.keys(outputSchema.shape), ...IGNORED_KEYS];
  const checkable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(output)) {
    if (key in outputSchema.shape) checkable[key] = value;
    else if (IGNORED_KEYS.includes(key)) diagnostics.push(warningDiagnostic('config.unsupported', `${basePath.join('.')}.${key}: not supported by plan; ignored`, { file: profilesFile, line: doc.lineOf([...basePath, key]) }));
    else diagnostics.push(warningDiagnostic('config.unknown_key', `${basePath.join('.')}.${key}: unknown key '${key}'${didYouMean(key, known)}; ignored`, { file: profilesFile, line: doc.lineOf([...basePath, key]) }));
  }
  const checked = checkWithSchema(outputSchema, checkable, { doc, basePath, unknownKeys: 'warning', codePrefix: 'config' });
  diagnostics.push(...checked.diagnostics);
  const out = checked.data;
  if (!out) return { value: undefined, diagnostics };
  const path = resolveDbPath(out.path, opts);
  const database = databaseName(path);
  if (out.database !== undefined && out.database !== database) {
    diagnostics.push(errorDiagnostic('config.profile', `${basePath.join('.')}.database: '${out.database}' does not match the database name DuckDB gives '${path}' ('${database}')`, { file: profilesFile, line: doc.lineOf([...basePath, 'database']), hint: 'remove `database:` (it follows from `path:`), or rename the file' }));
  }
  const settings = out.settings ?? {};
  return {
    value: {
      profileName: opts.profileName,
      targetName,
      profilesFile,
      type: 'duckdb',
      path,
      database,
      schema: out.schema ?? 'main',
      threads: out.threads ?? defaultThreads(),
      settings,
      extensions: (out.extensions ?? []).map((e) => (typeof e === 'string' ? e : e.name)),
      attach: (out.attach ?? []).map((a, i) => ({
        // A file path resolves like `path` (from the project folder); other types take a connection string.
        path: a.type === undefined || a.type.toLowerCase() === 'duckdb' || a.type.toLowerCase() === 'sqlite' ? resolveDbPath(a.path, opts) : a.path,
        ...(a.alias !== undefined ? { alias: a.alias } : {}),
        ...(a.type !== undefined ? { type: a.type } : {}),
        ...(a.read_only !== undefined ? { readOnly: a.read_only } : {}),
        ...(a.options !== undefined ? { options: a.options } : {}),
        declaredAt: { file: profilesFile, line: doc.lineOf([...basePath, 'attach', i]) },
      })),
      ...(out.row_group_size !== undefined ? { rowGroupSize: out.row_group_size } : {}),
      ...(out.external_root !== undefined ? { externalRoot: out.external_root } : {}),
    },
    diagnostics,
  };
}
