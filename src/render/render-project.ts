import { closestNames } from '../config/closest-name.js';
import { checkContractableNode, viewConstraintWarnings } from '../contracts/index.js';
import { BUILTIN_TESTS_SQL } from '../data-tests/index.js';
import { errorDiagnostic, type Checked, type Diagnostic } from '../errors/diagnostic.js';
import type { MacroNode, Manifest, ManifestNode, ModelNode, SeedNode, SnapshotNode, SourceNode, TestNode } from '../manifest/types.js';
import type { LoadedProject } from '../project/types.js';
import { NodeCompiler } from './node-compiler.js';
import { toDiagnostic } from './parse-nodes.js';
import { parseNodes } from './parse-nodes.js';
import { parseSnapshots } from './parse-snapshots.js';
import { parseTests, parseUnitTests } from './parse-tests.js';
import type { RefTarget, RelationIndex } from './relation-index.js';
import { renderDescriptions } from './render-descriptions.js';
import { resolveExposures } from './resolve-exposures.js';
import { RenderSession, type RenderOptions } from './render-session.js';

export interface RenderedProject {
  readonly manifest: Manifest;
  /** Renders nodes again at execution time (is_incremental, ephemeral CTEs, unit-test fixtures). */
  readonly compiler: NodeCompiler;
}

const BUILTIN_FILE = '<plan builtin tests>';

/**
 * load project -> render: every macro registered, every model rendered once in parse mode, refs
 * resolved into depends_on, tests attached. Returns all problems found, not just the first.
 */
export function renderProject(project: LoadedProject, options: Omit<RenderOptions, 'projectName'>): Checked<RenderedProject | undefined> {
  const diagnostics: Diagnostic[] = [];
  const projectName = project.config.name;
  const session = new RenderSession({ ...options, projectName });
  const macros = new Map<string, MacroNode>();

  const register = (source: string, file: string, packageName: string): string[] => {
    try {
      return session.env.registerMacroFile(source, file).map((m) => {
        const uniqueId = `macro.${packageName}.${m.name}`;
        macros.set(uniqueId, { uniqueId, name: m.name, packageName, originalFilePath: file, line: m.line, args: m.args, description: '' });
        return m.name;
      });
    } catch (error) {
      diagnostics.push(toDiagnostic(error, file));
      return [];
    }
  };
  register(BUILTIN_TESTS_SQL, BUILTIN_FILE, 'plan');
  // Packages before the project, whose macros win for unqualified names; `pkg.name()` always
  // reaches the package's own macro (captured before the project's are registered).
  for (const pkg of project.packages) {
    const names = pkg.macros.flatMap((file) => register(file.contents, file.path, pkg.name));
    session.env.addGlobal(pkg.name, Object.fromEntries(names.map((name) => [name, session.env.getMacro(name)])));
  }
  for (const file of [...project.macros, ...project.genericTestFiles]) register(file.contents, file.path, projectName);

  const macroIds = new Map([...macros.values()].map((m) => [m.name, m.uniqueId]));
  const parsed = parseNodes(session, project, options.target, diagnostics);
  const parsedSnapshots = parseSnapshots(session, project, options.target, diagnostics, parsed.disabled);
  const index = buildIndex(project, [...parsed.models, ...parsedSnapshots], parsed.seeds, parsed.sources);
  session.setIndex(index);

  const models = parsed.models.map((m) => renderDescriptions(session, withDependencies(m, index, parsed.disabled, macroIds, diagnostics), diagnostics));
  const seeds = parsed.seeds.map((s) => renderDescriptions(session, s, diagnostics));
  const snapshots = parsedSnapshots.map((s) => renderDescriptions(session, withDependencies(s, index, parsed.disabled, macroIds, diagnostics), diagnostics));
  const sources = parsed.sources.map((s) => renderDescriptions(session, s, diagnostics));
  checkPriorReads(models, index, diagnostics);
  for (const model of models) {
    diagnostics.push(...checkContractableNode(model));
    if (model.config.materialized === 'view') diagnostics.push(...viewConstraintWarnings(model));
  }
  const refable = new Set([...models.map((m) => m.name), ...parsed.seeds.map((s) => s.name), ...snapshots.map((s) => s.name)]);
  const testMacros = [...macros.values()].map((m) => m.name).filter((n) => n.startsWith('test_'));
  const tests = parseTests(session, project, refable, testMacros, diagnostics).map((t) => withDependencies(t, index, parsed.disabled, macroIds, diagnostics));
  const unitTests = parseUnitTests(project, new Set(models.map((m) => m.name)), diagnostics);
  checkPropertyTargets(project, refable, parsed.disabled, diagnostics);

  const nodes = new Map<string, ManifestNode>();
  for (const node of [...seeds, ...models, ...snapshots, ...sources, ...tests, ...unitTests]) nodes.set(node.uniqueId, node);
  const docs = new Map(project.docs.map((d) => [d.name, { name: d.name, contents: d.contents, file: d.file }]));
  const exposures = resolveExposures(project, index, diagnostics);
  const manifest: Manifest = { projectName, nodes, macros, docs, exposures, contractTypes: project.config.flavor === 'dbt' ? 'dbt-duckdb' : 'exact' };
  return { value: { manifest, compiler: new NodeCompiler(session, manifest) }, diagnostics };
}

function buildIndex(project: LoadedProject, models: readonly (ModelNode | SnapshotNode)[], seeds: readonly SeedNode[], sources: readonly SourceNode[]): RelationIndex {
  const refs = new Map<string, RefTarget>();
  for (const s of seeds) refs.set(s.name, { uniqueId: s.uniqueId, relation: s.relation, ephemeral: false });
  for (const m of models) {
    refs.set(m.name, { uniqueId: m.uniqueId, relation: m.relation, ephemeral: m.config.materialized === 'ephemeral', partitionBy: m.config.partition_by });
  }
  const sourceMap = new Map<string, RefTarget>();
  for (const s of sources) sourceMap.set(`${s.sourceName}.${s.name}`, { uniqueId: s.uniqueId, relation: s.relation, ephemeral: false, externalLocation: s.externalLocation });
  const docs = new Map(project.docs.map((d) => [d.name, d.contents]));
  const projectName = project.config.name;
  return {
    ref: (name, pkg) => (pkg === undefined || pkg === projectName ? refs.get(name) : undefined),
    source: (sourceName, table) => sourceMap.get(`${sourceName}.${table}`),
    refNames: () => [...refs.keys()],
    sourceNames: () => [...sourceMap.keys()],
    doc: (name) => docs.get(name),
  };
}

/** Turn the refs and sources a node's render recorded into depends_on, reporting unknown ones. */
function withDependencies<T extends ModelNode | SnapshotNode | TestNode>(node: T, index: RelationIndex, disabled: ReadonlySet<string>, macroIds: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): T {
  const nodes = new Set(node.dependsOn.nodes);
  const file = node.resourceType === 'test' && node.declaredAt ? node.declaredAt.file : node.originalFilePath;
  for (const ref of node.refs) {
    const target = index.ref(ref.name, ref.package);
    if (target) {
      nodes.add(target.uniqueId);
      continue;
    }
    const what = `${node.resourceType} '${node.name}' (${node.originalFilePath})`;
    if (disabled.has(ref.name)) {
      diagnostics.push(errorDiagnostic('graph.disabled_ref', `${what} depends on '${ref.name}', which is disabled`, { file, line: ref.line, node: node.uniqueId, hint: `enable '${ref.name}' or remove the ref` }));
      continue;
    }
    const close = closestNames(ref.name, index.refNames());
    diagnostics.push(
      errorDiagnostic('graph.unknown_ref', `${what} depends on a node named '${ref.package ? `${ref.package}.` : ''}${ref.name}' which was not found`, {
        file,
        line: ref.line,
        node: node.uniqueId,
        hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : 'check the name, or add the model or seed',
      }),
    );
  }
  for (const src of node.sources) {
    const target = index.source(src.source, src.table);
    if (target) {
      nodes.add(target.uniqueId);
      continue;
    }
    const close = closestNames(`${src.source}.${src.table}`, index.sourceNames());
    diagnostics.push(
      errorDiagnostic('graph.unknown_source', `${node.resourceType} '${node.name}' (${node.originalFilePath}) depends on a source named '${src.source}.${src.table}' which was not found`, {
        file,
        line: src.line,
        node: node.uniqueId,
        hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : 'declare it under sources: in a property file',
      }),
    );
  }
  const macros = [...new Set(node.dependsOn.macros.map((name) => macroIds.get(name) ?? name))].sort();
  return { ...node, dependsOn: { nodes: [...nodes].sort(), macros } };
}

function checkPriorReads(models: readonly ModelNode[], index: RelationIndex, diagnostics: Diagnostic[]): void {
  for (const model of models) {
    for (const read of model.priorReads) {
      const target = index.ref(read.name);
      const where = { file: model.originalFilePath, line: read.line, node: model.uniqueId };
      if (!target) {
        const close = closestNames(read.name, index.refNames());
        diagnostics.push(errorDiagnostic('graph.unknown_ref', `model '${model.name}' reads prior('${read.name}'), but no model of that name exists`, { ...where, hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : undefined }));
        continue;
      }
      const partitionBy = target.partitionBy ?? [];
      if (partitionBy.length === 0) {
        diagnostics.push(errorDiagnostic('graph.prior_unpartitioned', `model '${model.name}' reads prior('${read.name}'), but '${read.name}' declares no partition_by`, { ...where, hint: `add partition_by=[...] to ${read.name}'s config` }));
        continue;
      }
      for (const key of Object.keys(read.filters)) {
        if (!partitionBy.includes(key)) {
          diagnostics.push(errorDiagnostic('graph.prior_filter', `prior('${read.name}', ${key}=...) filters on '${key}', which is not one of its partition_by columns (${partitionBy.join(', ')})`, where));
        }
      }
    }
  }
}

/** Property files that describe models or seeds that do not exist are errors, with file and line. */
function checkPropertyTargets(project: LoadedProject, known: ReadonlySet<string>, disabled: ReadonlySet<string>, diagnostics: Diagnostic[]): void {
  for (const file of project.propertyFiles) {
    for (const [kind, entries] of [['model', file.models], ['seed', file.seeds], ['snapshot', file.snapshots]] as const) {
      for (const entry of entries) {
        if (known.has(entry.name) || disabled.has(entry.name)) continue;
        const close = closestNames(entry.name, [...known]);
        diagnostics.push(
          errorDiagnostic('properties.unknown_node', `${file.path} describes ${kind} '${entry.name}', which does not exist`, {
            file: entry.location.file,
            line: entry.location.line,
            hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : missingNodeHint(kind, entry.name),
          }),
        );
      }
    }
  }
}

function missingNodeHint(kind: 'model' | 'seed' | 'snapshot', name: string): string {
  if (kind === 'snapshot') return `add a {% snapshot ${name} %} block under snapshots/, give the entry a relation:, or remove the entry`;
  return `add ${kind === 'model' ? 'models' : 'seeds'}/${name}.${kind === 'model' ? 'sql' : 'csv'} or remove the entry`;
}
