import { createHash } from 'node:crypto';
import path from 'node:path';
import { closestNames } from '../config/closest-name.js';
import { checkConfigBlock, mergeNodeConfig, resolveFolderConfig, type YamlDocument } from '../config/index.js';
import { genericTestName } from '../data-tests/index.js';
import { errorDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import type { TestNode, UnitTestNode } from '../manifest/types.js';
import type { LoadedProject, TestDeclaration } from '../project/types.js';
import type { RenderSession } from './render-session.js';
import { renderJinjaConfig } from './render-config.js';
import { newFrame } from './render-state.js';
import { fqnOf, sqlFileNodeFields, toDiagnostic } from './parse-nodes.js';

/** The node a generic test is declared on, as the test stage needs it. */
interface TestTarget {
  readonly uniqueId: string;
  readonly name: string;
  readonly kind: 'model' | 'seed' | 'snapshot' | 'source';
  /** Jinja expression naming the relation: ref('x') or source('s', 't'). */
  readonly refExpression: string;
}

/** Generic tests from property files (column and node level), and singular tests from the test paths. */
export function parseTests(session: RenderSession, project: LoadedProject, known: ReadonlySet<string>, testMacros: readonly string[], diagnostics: Diagnostic[]): TestNode[] {
  const projectName = project.config.name;
  const tests: TestNode[] = [];
  const seen = new Set<string>();

  const addGeneric = (target: TestTarget, decl: TestDeclaration, columnName: string | undefined, ymlPath: string): void => {
    const macroName = `test_${decl.name}`;
    if (!session.env.hasMacro(macroName)) {
      const available = testMacros.map((m) => m.slice('test_'.length));
      const close = closestNames(decl.name, available);
      diagnostics.push(
        errorDiagnostic('properties.unknown_test', `unknown test '${decl.namespace ? `${decl.namespace}.` : ''}${decl.name}' on ${target.kind} '${target.name}'${columnName ? ` column '${columnName}'` : ''}`, {
          file: decl.location.file,
          line: decl.location.line,
          hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : 'define it with {% test name(model, column_name) %} in a macro or tests/generic file',
        }),
      );
      return;
    }
    const kwargs: Record<string, unknown> = { ...decl.args };
    if (columnName !== undefined) kwargs.column_name = columnName;
    const name = decl.customName ?? genericTestName(decl.name, decl.namespace, target.name, columnName, decl.args);
    const hash = createHash('md5').update(`${target.uniqueId}|${name}|${JSON.stringify(kwargs)}`).digest('hex').slice(0, 10);
    let uniqueId = `test.${projectName}.${name}.${hash}`;
    if (seen.has(uniqueId)) uniqueId = `${uniqueId}.${tests.length}`;
    seen.add(uniqueId);

    const folders = path.posix.dirname(ymlPath).split('/').slice(1).filter((p) => p && p !== '.');
    const frame = newFrame({ mode: 'parse', file: ymlPath, nodeName: name, resourceType: 'test', rawCode: '', isIncremental: false });
    let declConfig: Record<string, unknown>;
    try {
      declConfig = renderConfigValues(session, decl, frame, diagnostics);
    } catch (error) {
      diagnostics.push({ ...toDiagnostic(error, decl.location.file, uniqueId), line: decl.location.line });
      return;
    }
    const config = mergeNodeConfig('test', [resolveFolderConfig(project.config.dataTests, projectName, [...folders, name]), declConfig]);
    if (!config.enabled) return;

    const extraDeps: string[] = [];
    try {
      for (const value of Object.values(kwargs)) collectRefs(session, value, frame);
      for (const ref of frame.refs) if (known.has(ref.name)) extraDeps.push(ref.name);
    } catch (error) {
      diagnostics.push(toDiagnostic(error, decl.location.file, uniqueId));
      return;
    }
    tests.push({
      uniqueId,
      resourceType: 'test',
      testType: 'generic',
      name,
      packageName: projectName,
      path: ymlPath,
      originalFilePath: ymlPath,
      fqn: [projectName, ...folders, name],
      description: '',
      tags: config.tags,
      meta: config.meta,
      config,
      rawCode: `{{ ${macroName}(**kwargs) }}`,
      checksum: createHash('sha256').update(JSON.stringify([decl.name, kwargs])).digest('hex'),
      dependsOn: { nodes: [target.uniqueId], macros: [macroName] },
      refs: frame.refs,
      sources: frame.sources,
      columns: {},
      testMetadata: { name: decl.name, namespace: decl.namespace, kwargs: { ...kwargs, model: `{{ get_where_subquery(${target.refExpression}) }}` } },
      attachedNode: target.uniqueId,
      columnName,
      declaredAt: { file: decl.location.file, line: decl.location.line },
    });
  };

  for (const file of project.propertyFiles) {
    for (const model of [...file.models.map((m) => ({ ...m, kind: 'model' as const })), ...file.seeds.map((s) => ({ ...s, kind: 'seed' as const })), ...file.snapshots.map((s) => ({ ...s, kind: 'snapshot' as const }))]) {
      const uniqueId = `${model.kind}.${projectName}.${model.name}`;
      if (!known.has(model.name)) continue; // reported by the manifest checks
      const target: TestTarget = { uniqueId, name: model.name, kind: model.kind, refExpression: `ref('${model.name}')` };
      for (const decl of model.tests) addGeneric(target, decl, undefined, file.path);
      for (const column of model.columns) for (const decl of column.tests) addGeneric(target, decl, column.name, file.path);
    }
    for (const source of file.sources) {
      for (const table of source.tables) {
        const target: TestTarget = {
          uniqueId: `source.${projectName}.${source.name}.${table.name}`,
          name: `${source.name}_${table.name}`,
          kind: 'source',
          refExpression: `source('${source.name}', '${table.name}')`,
        };
        for (const decl of table.tests) addGeneric(target, decl, undefined, file.path);
        for (const column of table.columns) for (const decl of column.tests) addGeneric(target, decl, column.name, file.path);
      }
    }
  }

  for (const file of project.singularTests) {
    const name = path.posix.basename(file.path, '.sql');
    const frame = newFrame({ mode: 'parse', file: file.path, nodeName: name, resourceType: 'test', rawCode: file.contents, isIncremental: false });
    try {
      session.render(file.path, file.contents, frame);
    } catch (error) {
      diagnostics.push(toDiagnostic(error, file.path, `test.${projectName}.${name}`));
      continue;
    }
    const fqn = fqnOf(projectName, file, name);
    const config = mergeNodeConfig('test', [resolveFolderConfig(project.config.dataTests, projectName, fqn.slice(1)), frame.config]);
    if (!config.enabled) continue;
    tests.push({
      uniqueId: `test.${projectName}.${name}`,
      resourceType: 'test',
      testType: 'singular',
      ...sqlFileNodeFields(projectName, file, name, fqn, config, frame),
      columns: {},
    });
  }
  return tests;
}

/**
 * A test's config with Jinja values rendered (dbt's `severity: "{{ 'error' if target.name ==
 * 'prod' else 'warn' }}"`); the rendered values are checked as project/ checks plain ones.
 */
function renderConfigValues(session: RenderSession, decl: TestDeclaration, frame: ReturnType<typeof newFrame>, diagnostics: Diagnostic[]): Record<string, unknown> {
  const config = renderJinjaConfig(session, decl.config, frame);
  const checks = checkConfigBlock('test', config, { doc: fakeDoc(decl), basePath: [], unknownKeys: 'warning', codePrefix: 'properties' });
  for (const d of checks) if (d.severity === 'error') diagnostics.push({ ...d, message: `test '${decl.name}' config (after rendering): ${d.message}` });
  return config;
}

/** A stand-in document for checkConfigBlock: rendered values have no yml position of their own. */
function fakeDoc(decl: TestDeclaration): YamlDocument {
  return { file: decl.location.file, value: {}, lineOf: () => decl.location.line };
}

/** Render the Jinja in a test argument (e.g. `to: ref('customers')`) in parse mode to record its refs. */
function collectRefs(session: RenderSession, value: unknown, frame: ReturnType<typeof newFrame>): void {
  if (typeof value === 'string') {
    const text = /^\s*(ref|source)\s*\(/.test(value) ? `{{ ${value} }}` : value;
    session.renderString(text, frame);
  } else if (Array.isArray(value)) {
    for (const item of value) collectRefs(session, item, frame);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectRefs(session, item, frame);
  }
}

/** unit_tests: entries become nodes attached to the model they test. */
export function parseUnitTests(project: LoadedProject, known: ReadonlySet<string>, diagnostics: Diagnostic[]): UnitTestNode[] {
  const projectName = project.config.name;
  const nodes: UnitTestNode[] = [];
  for (const file of project.propertyFiles) {
    for (const def of file.unitTests) {
      if (!known.has(def.model)) {
        const close = closestNames(def.model, [...known]);
        diagnostics.push(
          errorDiagnostic('properties.unknown_model', `unit test '${def.name}' tests model '${def.model}', which does not exist`, {
            file: def.location.file,
            line: def.location.line,
            hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : undefined,
          }),
        );
        continue;
      }
      const config = mergeNodeConfig('unit_test', [resolveFolderConfig(project.config.unitTests, projectName, [def.model, def.name]), def.config]);
      if (!config.enabled) continue;
      nodes.push({
        uniqueId: `unit_test.${projectName}.${def.model}.${def.name}`,
        resourceType: 'unit_test',
        name: def.name,
        packageName: projectName,
        path: file.path,
        originalFilePath: file.path,
        fqn: [projectName, def.model, def.name],
        description: def.description,
        tags: config.tags,
        meta: config.meta,
        model: `model.${projectName}.${def.model}`,
        definition: def,
        config,
        dependsOn: { nodes: [`model.${projectName}.${def.model}`], macros: [] },
      });
    }
  }
  return nodes;
}
