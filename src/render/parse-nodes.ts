import { createHash } from 'node:crypto';
import path from 'node:path';
import { mergeNodeConfig, resolveFolderConfig } from '../config/index.js';
import type { NodeConfig, TargetConfig } from '../config/types.js';
import { errorDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { PlanError } from '../errors/plan-error.js';
import type { ColumnInfo, ModelNode, Relation, SeedNode, SourceNode } from '../manifest/types.js';
import type { ColumnProperties, LoadedProject, ModelProperties, SeedProperties, SourceFile, SourceProperties, SourceTableProperties } from '../project/types.js';
import type { RenderSession } from './render-session.js';
import { newFrame, type RenderFrame } from './render-state.js';
import { relationFor, type NamedNode } from './relation-naming.js';
import { renderConfigLayers } from './render-config.js';

export interface ParsedModels {
  readonly models: ModelNode[];
  readonly seeds: SeedNode[];
  readonly sources: SourceNode[];
  /** Names of models/seeds switched off with enabled: false (for clearer unknown-ref errors). */
  readonly disabled: Set<string>;
}

/** Render every model once in parse mode (recording config, refs, sources) and build model, seed and source nodes. */
export function parseNodes(session: RenderSession, project: LoadedProject, target: TargetConfig, diagnostics: Diagnostic[]): ParsedModels {
  const projectName = project.config.name;
  const modelProps = propertiesByName(project, 'models', diagnostics);
  const seedProps = propertiesByName(project, 'seeds', diagnostics);
  const result: ParsedModels = { models: [], seeds: [], sources: [], disabled: new Set() };

  for (const file of project.models) {
    const name = path.posix.basename(file.path, '.sql');
    const fqn = fqnOf(projectName, file, name);
    const props = modelProps.get(name) as ModelProperties | undefined;
    const frame = newFrame({ mode: 'parse', file: file.path, nodeName: name, resourceType: 'model', rawCode: file.contents, isIncremental: false });
    try {
      session.render(file.path, file.contents, frame);
    } catch (error) {
      diagnostics.push(toDiagnostic(error, file.path, `model.${projectName}.${name}`));
      continue;
    }
    const config = mergeNodeConfig('model', [
      ...renderConfigLayers(session, [resolveFolderConfig(project.config.models, projectName, fqn.slice(1)), props?.config ?? {}], props?.location.file ?? project.config.configFile, name, diagnostics),
      frame.config,
    ]);
    if (!config.enabled) {
      result.disabled.add(name);
      continue;
    }
    result.models.push(buildModel(session, target, projectName, file, name, fqn, config, frame, props));
  }

  for (const file of project.seeds) {
    const name = path.posix.basename(file.path, '.csv');
    const fqn = fqnOf(projectName, file, name);
    const props = seedProps.get(name) as SeedProperties | undefined;
    const config = mergeNodeConfig('seed', renderConfigLayers(session, [resolveFolderConfig(project.config.seeds, projectName, fqn.slice(1)), props?.config ?? {}], props?.location.file ?? project.config.configFile, name, diagnostics));
    if (!config.enabled) {
      result.disabled.add(name);
      continue;
    }
    result.seeds.push({
      uniqueId: `seed.${projectName}.${name}`,
      resourceType: 'seed',
      name,
      packageName: projectName,
      path: path.posix.relative(file.rootDir, file.path),
      originalFilePath: file.path,
      absPath: file.absPath,
      fqn,
      description: props?.description ?? '',
      tags: config.tags,
      meta: config.meta,
      config,
      rawCode: '',
      checksum: file.checksum,
      dependsOn: { nodes: [], macros: [] },
      refs: [],
      sources: [],
      columns: columnsOf(props?.columns ?? []),
      relation: relationFor(session, target, namedNode('seed', projectName, file, name, fqn), config),
    });
  }

  for (const propertyFile of project.propertyFiles) {
    for (const source of propertyFile.sources) {
      for (const table of source.tables) {
        const config = mergeNodeConfig('source', renderConfigLayers(session, [resolveFolderConfig(project.config.sources, projectName, [source.name, table.name]), source.config, table.config], propertyFile.path, table.name, diagnostics));
        if (!config.enabled) continue;
        const relation = sourceRelation(session, target, source, table, propertyFile.path, diagnostics);
        // meta is rendered too, as dbt renders yml: external_location may pick a path by target.
        const [sourceMeta, tableMeta] = renderConfigLayers(session, [source.meta, table.meta], propertyFile.path, table.name, diagnostics);
        result.sources.push({
          uniqueId: `source.${projectName}.${source.name}.${table.name}`,
          resourceType: 'source',
          sourceName: source.name,
          name: table.name,
          packageName: projectName,
          path: propertyFile.path,
          originalFilePath: propertyFile.path,
          fqn: [projectName, source.name, table.name],
          description: table.description || source.description,
          tags: [...new Set([...source.tags, ...table.tags, ...config.tags])],
          meta: { ...sourceMeta, ...tableMeta },
          config,
          columns: columnsOf(table.columns),
          relation,
          ...externalLocationOf(sourceMeta, tableMeta, table.name, relation, config),
        });
      }
    }
  }
  return result;
}

/**
 * dbt-duckdb's sources read from files: `external_location` in the table's or the source's config
 * or meta (the table's first), e.g. `s3://bucket/{name}.parquet` or `read_csv('data/{name}.csv')`.
 * `{name}`, `{identifier}`, `{schema}`, `{database}` and the meta's own text values are filled in
 * (Python's str.format, dbt-duckdb's default formatter); a location that is not a function call or
 * already quoted is quoted, so DuckDB reads the file by its path.
 */
function externalLocationOf(
  sourceMeta: Readonly<Record<string, unknown>>,
  tableMeta: Readonly<Record<string, unknown>>,
  tableName: string,
  relation: Relation,
  config: NodeConfig,
): { externalLocation?: string } {
  const pick = (...layers: Readonly<Record<string, unknown>>[]): unknown => layers.map((l) => l.external_location).find((v) => v !== undefined && v !== null && v !== '');
  const template = pick(config as Readonly<Record<string, unknown>>, tableMeta, sourceMeta);
  if (template === undefined) return {};
  const fields: Record<string, unknown> = { ...sourceMeta, ...tableMeta, name: tableName, identifier: relation.identifier, schema: relation.schema, database: relation.database };
  const location = String(template).replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(fields, key) && typeof fields[key] !== 'object' ? String(fields[key]) : whole));
  return { externalLocation: location.includes('(') || location.startsWith("'") ? location : `'${location.replaceAll("'", "''")}'` };
}

/** Where a source table lives; `database`, `schema` and `identifier` may be Jinja (`"{{ env_var('RAW_SCHEMA') }}"`), as in dbt. */
function sourceRelation(
  session: RenderSession,
  target: TargetConfig,
  source: SourceProperties,
  table: SourceTableProperties,
  file: string,
  diagnostics: Diagnostic[],
): Relation {
  const [names] = renderConfigLayers(session, [{ database: source.database, schema: source.schema, identifier: table.identifier }], file, table.name, diagnostics);
  const text = (value: unknown, fallback: string): string => (value === undefined || value === null || value === '' ? fallback : String(value));
  return { database: text(names.database, target.database), schema: text(names.schema, source.name), identifier: text(names.identifier, table.name) };
}

function buildModel(
  session: RenderSession,
  target: TargetConfig,
  projectName: string,
  file: SourceFile,
  name: string,
  fqn: string[],
  config: NodeConfig,
  frame: RenderFrame,
  props: ModelProperties | undefined,
): ModelNode {
  return {
    uniqueId: `model.${projectName}.${name}`,
    resourceType: 'model',
    ...sqlFileNodeFields(projectName, file, name, fqn, config, frame),
    description: props?.description ?? '',
    priorReads: frame.priorReads,
    columns: columnsOf(props?.columns ?? []),
    constraints: props?.constraints ?? [],
    relation: relationFor(session, target, namedNode('model', projectName, file, name, fqn), config),
    patchPath: props?.location.file,
    ...(props ? { propertyLines: { entry: props.location.line, columns: Object.fromEntries(props.columns.map((c) => [c.name.toLowerCase(), c.location.line])) } } : {}),
  };
}

/** The fields every node rendered from a .sql file has (models, singular tests). */
export function sqlFileNodeFields(projectName: string, file: SourceFile, name: string, fqn: readonly string[], config: NodeConfig, frame: RenderFrame) {
  return {
    name,
    packageName: projectName,
    path: path.posix.relative(file.rootDir, file.path),
    originalFilePath: file.path,
    fqn,
    description: '',
    tags: config.tags,
    meta: config.meta,
    config,
    rawCode: file.contents,
    checksum: file.checksum,
    dependsOn: { nodes: [] as readonly string[], macros: [...frame.macrosUsed] as readonly string[] },
    refs: frame.refs,
    sources: frame.sources,
  };
}

/** The node as the naming macros see it (generate_schema_name / generate_alias_name). */
export function namedNode(resourceType: NamedNode['resourceType'], projectName: string, file: SourceFile, name: string, fqn: readonly string[]): NamedNode {
  return { resourceType, name, packageName: projectName, fqn, path: path.posix.relative(file.rootDir, file.path), originalFilePath: file.path };
}

export function fqnOf(projectName: string, file: SourceFile, name: string): string[] {
  const folders = path.posix.dirname(path.posix.relative(file.rootDir, file.path)).split('/').filter((p) => p && p !== '.');
  return [projectName, ...folders, name];
}

export function columnsOf(columns: readonly ColumnProperties[]): Record<string, ColumnInfo> {
  const out: Record<string, ColumnInfo> = {};
  for (const c of columns) {
    out[c.name] = { name: c.name, description: c.description, data_type: c.data_type, constraints: c.constraints, meta: c.meta, tags: c.tags };
  }
  return out;
}

function propertiesByName(project: LoadedProject, kind: 'models' | 'seeds', diagnostics: Diagnostic[]): Map<string, ModelProperties | SeedProperties> {
  const byName = new Map<string, ModelProperties | SeedProperties>();
  for (const file of project.propertyFiles) {
    for (const entry of file[kind]) {
      const earlier = byName.get(entry.name);
      if (earlier) {
        diagnostics.push(
          errorDiagnostic('properties.duplicate', `${kind === 'models' ? 'model' : 'seed'} '${entry.name}' is described twice (also at ${earlier.location.file}:${earlier.location.line})`, {
            file: entry.location.file,
            line: entry.location.line,
            hint: 'keep one entry per node across all property files',
          }),
        );
        continue;
      }
      byName.set(entry.name, entry);
    }
  }
  return byName;
}

export function toDiagnostic(error: unknown, file: string, node?: string): Diagnostic {
  if (error instanceof PlanError) {
    const d = error.toDiagnostic();
    return { ...d, file: d.file ?? file, node: d.node ?? node };
  }
  return errorDiagnostic('render.error', error instanceof Error ? error.message : String(error), { file, node });
}

export function checksumOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
