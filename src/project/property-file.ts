import type { Checked, Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic } from '../errors/diagnostic.js';
import { formatKeyPath, isPlainObject } from '../config/key-path.js';
import { checkWithSchema } from '../config/schema-check.js';
import type { YamlDocument, YamlParseCache } from '../config/yaml-document.js';
import { parseYaml } from '../config/yaml-document.js';
import type { ExposureDependency, ExposureProperties, MacroProperties, ModelProperties, PropertyFile, SeedProperties, SnapshotProperties, SourceProperties, SourceTableProperties } from './types.js';
import type { EntryContext } from './property-entries.js';
import { checkDuplicateNames, checkEntry, entryColumns, entryConfig, entryTests, locationOf, tagList, unsupportedWarning } from './property-entries.js';
import { exposureSchema, macroSchema, modelSchema, propertyFileSchema, seedSchema, snapshotSchema, sourceSchema, sourceTableSchema } from './property-schemas.js';
import { unitTestEntry } from './unit-test-entry.js';

function modelEntry(raw: unknown, i: number, ctx: EntryContext): ModelProperties | undefined {
  const path = ['models', i];
  const entry = checkEntry(modelSchema, raw, path, ctx);
  if (!entry) return undefined;
  // Ignoring versions would leave the versioned files (dim_v1.sql...) as models of other names and
  // every ref('dim') unresolved: one clear error instead.
  if (entry.versions !== undefined) {
    ctx.diagnostics.push(
      errorDiagnostic('properties.unsupported', `${formatKeyPath([...path, 'versions'], ctx.doc.value)}: model versions are not supported by plan`, {
        file: ctx.doc.file,
        line: ctx.doc.lineOf([...path, 'versions']),
        hint: 'build each version as a model of its own name (dim_v1, dim_v2) and ref that name, or remove versions:',
      }),
    );
  } else if (entry.latest_version !== undefined) unsupportedWarning(ctx, [...path, 'latest_version'], 'latest_version is');
  return { ...nodeEntry('model', entry, path, ctx), constraints: entry.constraints ?? [] };
}

/** What model, seed and snapshot entries share: name, description, config, columns and tests. */
function nodeEntry(
  kind: 'model' | 'seed' | 'snapshot',
  entry: { readonly name: string; readonly description?: string | null; readonly columns?: readonly unknown[] | null } & Parameters<typeof entryConfig>[1] & Parameters<typeof entryTests>[0],
  path: (string | number)[],
  ctx: EntryContext,
): SeedProperties {
  return {
    name: entry.name,
    description: entry.description ?? '',
    config: entryConfig(kind, entry, path, ctx),
    columns: entryColumns(entry.columns, path, ctx),
    tests: entryTests(entry, path, ctx),
    location: locationOf(ctx, path),
  };
}

function snapshotEntry(raw: unknown, i: number, ctx: EntryContext): SnapshotProperties | undefined {
  const path = ['snapshots', i];
  const entry = checkEntry(snapshotSchema, raw, path, ctx);
  if (!entry) return undefined;
  return { ...nodeEntry('snapshot', entry, path, ctx), constraints: [], ...(entry.relation !== undefined ? { relation: entry.relation } : {}) };
}

function sourceEntry(raw: unknown, i: number, ctx: EntryContext): SourceProperties | undefined {
  const path = ['sources', i];
  const entry = checkEntry(sourceSchema, raw, path, ctx);
  if (!entry) return undefined;
  const tables: SourceTableProperties[] = [];
  (entry.tables ?? []).forEach((rawTable, j) => {
    const tablePath = [...path, 'tables', j];
    const table = checkEntry(sourceTableSchema, rawTable, tablePath, ctx);
    if (!table) return;
    const { tags, meta, ...config } = entryConfig('source', { config: table.config }, tablePath, ctx);
    tables.push({
      name: table.name,
      ...(table.identifier ? { identifier: table.identifier } : {}),
      description: table.description ?? '',
      columns: entryColumns(table.columns, tablePath, ctx),
      tests: entryTests(table, tablePath, ctx),
      config: {
        ...config,
        ...(table.loaded_at_field ? { loaded_at_field: table.loaded_at_field } : {}),
        ...(table.freshness !== undefined ? { freshness: table.freshness } : {}),
        ...(table.external ? { external: table.external } : {}),
      },
      meta: { ...(table.meta ?? {}), ...(isPlainObject(meta) ? meta : {}) },
      tags: [...new Set([...tagList(table.tags), ...tagList(tags as string[] | undefined)])],
      location: locationOf(ctx, tablePath),
    });
  });
  checkDuplicateNames(tables, `table of source '${entry.name}'`, ctx);
  const { tags, meta, ...config } = entryConfig('source', { config: entry.config }, path, ctx);
  return {
    name: entry.name,
    description: entry.description ?? '',
    ...(entry.database ? { database: entry.database } : {}),
    schema: entry.schema ?? entry.name,
    tables,
    config: {
      ...config,
      ...(entry.loaded_at_field ? { loaded_at_field: entry.loaded_at_field } : {}),
      ...(entry.freshness !== undefined ? { freshness: entry.freshness } : {}),
      ...(entry.loader ? { loader: entry.loader } : {}),
    },
    meta: { ...(entry.meta ?? {}), ...(isPlainObject(meta) ? meta : {}) },
    tags: [...new Set([...tagList(entry.tags), ...tagList(tags as string[] | undefined)])],
    location: locationOf(ctx, path),
  };
}

function seedEntry(raw: unknown, i: number, ctx: EntryContext): SeedProperties | undefined {
  const path = ['seeds', i];
  const entry = checkEntry(seedSchema, raw, path, ctx);
  if (!entry) return undefined;
  return nodeEntry('seed', entry, path, ctx);
}

function macroEntry(raw: unknown, i: number, ctx: EntryContext): MacroProperties | undefined {
  const path = ['macros', i];
  const entry = checkEntry(macroSchema, raw, path, ctx);
  if (!entry) return undefined;
  return { name: entry.name, description: entry.description ?? '', location: locationOf(ctx, path) };
}

const DEPENDENCY = /^\s*(ref|source|metric)\s*\((.*)\)\s*$/s;
const QUOTED_ARG = /^\s*(?:'([^']*)'|"([^"]*)")\s*$/;

function exposureEntry(raw: unknown, i: number, ctx: EntryContext): ExposureProperties | undefined {
  const path = ['exposures', i];
  const entry = checkEntry(exposureSchema, raw, path, ctx);
  if (!entry) return undefined;
  if (!entry.owner.name && !entry.owner.email) {
    ctx.diagnostics.push(errorDiagnostic('properties.exposure_owner', `exposure '${entry.name}': owner needs a name or an email`, { file: ctx.doc.file, line: ctx.doc.lineOf([...path, 'owner']) }));
  }
  const dependsOn: ExposureDependency[] = [];
  (entry.depends_on ?? []).forEach((text, j) => {
    const dependency = exposureDependency(text);
    if (dependency === 'metric') return; // metrics are accepted and ignored
    if (dependency) dependsOn.push(dependency);
    else {
      ctx.diagnostics.push(
        errorDiagnostic('properties.exposure_depends_on', `exposure '${entry.name}': depends_on entry '${text}' is not ref('name'), ref('package', 'name') or source('source', 'table')`, {
          file: ctx.doc.file,
          line: ctx.doc.lineOf([...path, 'depends_on', j]),
        }),
      );
    }
  });
  const config = isPlainObject(entry.config) ? entry.config : {};
  return {
    name: entry.name,
    ...(entry.label ? { label: entry.label } : {}),
    type: entry.type,
    owner: { ...(entry.owner.name ? { name: entry.owner.name } : {}), ...(entry.owner.email ? { email: entry.owner.email } : {}) },
    dependsOn,
    description: entry.description ?? '',
    ...(entry.url ? { url: entry.url } : {}),
    ...(entry.maturity ? { maturity: entry.maturity } : {}),
    tags: [...new Set([...tagList(entry.tags), ...tagList(config.tags as string | string[] | undefined)])],
    meta: { ...(entry.meta ?? {}), ...(isPlainObject(config.meta) ? config.meta : {}) },
    enabled: config.enabled !== false,
    location: locationOf(ctx, path),
  };
}

/** "ref('x')", "ref('pkg', 'x')", "source('s', 't')"; 'metric' for metric(...); undefined for anything else. */
function exposureDependency(text: string): ExposureDependency | 'metric' | undefined {
  const call = DEPENDENCY.exec(text);
  if (!call) return undefined;
  if (call[1] === 'metric') return 'metric';
  const args = call[2].split(',').map((a) => QUOTED_ARG.exec(a)).map((m) => (m ? (m[1] ?? m[2]) : undefined));
  if (args.some((a) => a === undefined)) return undefined;
  const [first, second] = args as string[];
  if (call[1] === 'ref' && args.length === 1) return { kind: 'ref', name: first };
  if (call[1] === 'ref' && args.length === 2) return { kind: 'ref', package: first, name: second };
  if (call[1] === 'source' && args.length === 2) return { kind: 'source', source: first, table: second };
  return undefined;
}

function collect<T>(list: readonly unknown[] | null | undefined, convert: (raw: unknown, i: number) => T | undefined): T[] {
  const out: T[] = [];
  (list ?? []).forEach((raw, i) => {
    const value = convert(raw, i);
    if (value !== undefined) out.push(value);
  });
  return out;
}

/**
 * Checks and normalizes one parsed `version: 2` file. Entries with problems are reported and
 * left out (or kept without their unknown keys); the rest of the file still loads.
 */
export function readPropertyDocument(doc: YamlDocument, flavor: 'plan' | 'dbt'): Checked<PropertyFile | undefined> {
  const diagnostics: Diagnostic[] = [];
  const file = doc.file;
  if (doc.value === null) return { value: { path: file, models: [], sources: [], seeds: [], snapshots: [], unitTests: [], macros: [], exposures: [] }, diagnostics };
  if (!isPlainObject(doc.value)) {
    diagnostics.push(errorDiagnostic('properties.invalid_file', 'a property file must be a mapping (version: 2, models:, sources:...)', { file, line: 1 }));
    return { value: undefined, diagnostics };
  }
  const top = checkWithSchema(propertyFileSchema, doc.value, { doc, basePath: [], unknownKeys: 'error', codePrefix: 'properties' });
  diagnostics.push(...top.diagnostics);
  if (!top.data) return { value: undefined, diagnostics };
  const data = top.data;
  // `version: 2` has been optional since dbt 1.5; any other version is an error, as in dbt.
  if (data.version !== undefined && String(data.version) !== '2') {
    diagnostics.push(errorDiagnostic('properties.invalid_version', `version: expected 2, found ${String(data.version)}`, { file, line: doc.lineOf(['version']) }));
  }
  const ctx: EntryContext = { doc, flavor, diagnostics };
  const models = collect(data.models, (raw, i) => modelEntry(raw, i, ctx));
  const sources = collect(data.sources, (raw, i) => sourceEntry(raw, i, ctx));
  const seeds = collect(data.seeds, (raw, i) => seedEntry(raw, i, ctx));
  const snapshots = collect(data.snapshots, (raw, i) => snapshotEntry(raw, i, ctx));
  const macros = collect(data.macros, (raw, i) => macroEntry(raw, i, ctx));
  const unitTests = collect(data.unit_tests, (raw, i) => unitTestEntry(raw, ['unit_tests', i], ctx));
  const exposures = collect(data.exposures, (raw, i) => exposureEntry(raw, i, ctx));
  checkDuplicateNames(models, 'model', ctx);
  checkDuplicateNames(sources, 'source', ctx);
  checkDuplicateNames(seeds, 'seed', ctx);
  checkDuplicateNames(snapshots, 'snapshot', ctx);
  checkDuplicateNames(macros, 'macro', ctx);
  checkDuplicateNames(unitTests, 'unit test', ctx);
  checkDuplicateNames(exposures, 'exposure', ctx);
  return { value: { path: file, models, sources, seeds, snapshots, unitTests, macros, exposures }, diagnostics };
}

/** Parses and checks one property file; `file` is its project-relative path. */
export function parsePropertyFile(text: string, file: string, flavor: 'plan' | 'dbt' = 'plan', cache?: YamlParseCache): Checked<PropertyFile | undefined> {
  const parsed = parseYaml(text, file, cache);
  if (!parsed.value) return { value: undefined, diagnostics: parsed.diagnostics };
  return readPropertyDocument(parsed.value, flavor);
}
