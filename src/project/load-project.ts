import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Checked, Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic, warningDiagnostic } from '../errors/diagnostic.js';
import { loadProjectConfig } from '../config/project-config.js';
import { parseYaml, type YamlDocument } from '../config/yaml-document.js';
import type { ConfigOverrides, ProjectConfig } from '../config/types.js';
import type { DocBlock, LoadedProject, PropertyFile, SourceFile, YamlLocation } from './types.js';
import { parseDocBlocks } from './doc-blocks.js';
import { loadPackages } from './packages.js';
import { parsePropertyFile } from './property-file.js';
import { resolveFixtures } from './unit-test-fixtures.js';
import { readSourceFile } from './source-file.js';
import { FileYamlParseCache } from './yaml-parse-cache.js';
import { PLAN_VERSION } from '../pipeline/version.js';
import { listFiles, normalizeDir } from './walk-files.js';

const DEFAULT_PATHS: Readonly<Record<string, string>> = { modelPaths: 'models', seedPaths: 'seeds', macroPaths: 'macros', testPaths: 'tests' };

/** Files with these extensions under these roots, each tagged with its root, sorted by path. */
function filesUnder(root: string, dirs: readonly string[], extensions: readonly string[], exclude: ReadonlySet<string>): { path: string; rootDir: string }[] {
  const byPath = new Map<string, string>();
  for (const dir of dirs.map(normalizeDir)) {
    for (const path of listFiles(root, dir, extensions, exclude)) if (!byPath.has(path)) byPath.set(path, dir);
  }
  return [...byPath.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, rootDir]) => ({ path, rootDir }));
}

function underSubfolder(path: string, rootDir: string, folder: string): boolean {
  return path.startsWith(rootDir === '' ? `${folder}/` : `${rootDir}/${folder}/`);
}

function missingPathWarnings(root: string, config: ProjectConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of ['modelPaths', 'seedPaths', 'macroPaths', 'testPaths'] as const) {
    for (const dir of config[key]) {
      if (dir === DEFAULT_PATHS[key] || existsSync(resolve(root, dir))) continue;
      const yamlKey = key.replace('Paths', '-paths');
      out.push(warningDiagnostic('project.missing_path', `${yamlKey}: folder '${dir}' does not exist`, { file: config.configFile, hint: `create it, or fix ${yamlKey} in ${config.configFile}` }));
    }
  }
  return out;
}

/** The same model/seed/source/macro described in two property files: an error naming both. */
function crossFileDuplicates(files: readonly PropertyFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, YamlLocation>();
  const note = (kind: string, name: string, location: YamlLocation): void => {
    const key = `${kind}:${name}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, location);
    } else if (first.file !== location.file) {
      out.push(errorDiagnostic('properties.duplicate_entry', `${kind} '${name}' is described in two property files: ${first.file}:${first.line} and ${location.file}:${location.line}`, { file: location.file, line: location.line, hint: 'keep one entry and merge the other into it' }));
    }
  };
  for (const file of files) {
    for (const m of file.models) note('model', m.name, m.location);
    for (const s of file.seeds) note('seed', s.name, s.location);
    for (const s of file.snapshots) note('snapshot', s.name, s.location);
    for (const s of file.sources) note('source', s.name, s.location);
    for (const m of file.macros) note('macro', m.name, m.location);
    for (const u of file.unitTests) note(`unit test of model '${u.model}'`, u.name, u.location);
  }
  return out;
}

function duplicateDocs(docs: readonly DocBlock[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, DocBlock>();
  for (const doc of docs) {
    const first = seen.get(doc.name);
    if (first) out.push(errorDiagnostic('docs.duplicate_block', `docs block '${doc.name}' is defined twice: ${first.file}:${first.line} and ${doc.file}:${doc.line}`, { file: doc.file, line: doc.line, hint: 'rename or remove one of them' }));
    else seen.set(doc.name, doc);
  }
  return out;
}

export interface LoadProjectOptions {
  /** --profile / --target-path. */
  readonly overrides?: ConfigOverrides;
  /** false (--no-partial-parse): parse every property file again, without target/yaml_parse_cache.json. */
  readonly partialParse?: boolean;
}

/** selectors.yml beside the project config, as dbt reads it (only that name, only at the root). */
function loadSelectorsFile(root: string): Checked<YamlDocument | undefined> {
  const file = 'selectors.yml';
  if (!existsSync(resolve(root, file))) return { value: undefined, diagnostics: [] };
  return parseYaml(readFileSync(resolve(root, file), 'utf8'), file);
}

/**
 * Everything on disk that makes up the project in `projectDir`: its config, the model, seed,
 * macro and test files, the parsed property files and docs blocks. The value is undefined only
 * when the project config cannot be read; other problems come back as diagnostics beside it.
 */
export function loadProject(projectDir: string, options: LoadProjectOptions = {}): Checked<LoadedProject | undefined> {
  const root = resolve(projectDir);
  const loaded = loadProjectConfig(root, undefined, options.overrides);
  const config = loaded.value;
  if (!config) return { value: undefined, diagnostics: loaded.diagnostics };
  const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...missingPathWarnings(root, config)];
  const exclude = new Set([normalizeDir(config.targetPath), 'dbt_packages', normalizeDir(config.packagesInstallPath), 'node_modules', 'logs']);
  const read = (f: { path: string; rootDir: string }): SourceFile => readSourceFile(root, f.path, f.rootDir);

  const models = filesUnder(root, config.modelPaths, ['.sql'], exclude).map(read);
  const seeds = filesUnder(root, config.seedPaths, ['.csv'], exclude).map(read);
  const snapshots = filesUnder(root, config.snapshotPaths, ['.sql'], exclude).map(read);
  const macros = filesUnder(root, config.macroPaths, ['.sql'], exclude).map(read);
  const testFiles = filesUnder(root, config.testPaths, ['.sql'], exclude);
  const genericTestFiles = testFiles.filter((f) => underSubfolder(f.path, f.rootDir, 'generic')).map(read);
  const singularTests = testFiles.filter((f) => !underSubfolder(f.path, f.rootDir, 'generic') && !underSubfolder(f.path, f.rootDir, 'fixtures')).map(read);

  const propertyRoots = [...config.modelPaths, ...config.seedPaths, ...config.snapshotPaths, ...config.testPaths, ...config.macroPaths];
  const propertyFiles: PropertyFile[] = [];
  const parseCache = options.partialParse === false ? undefined : FileYamlParseCache.open(resolve(root, config.targetPath), `plan ${PLAN_VERSION}`);
  for (const f of filesUnder(root, propertyRoots, ['.yml', '.yaml'], exclude)) {
    const parsed = parsePropertyFile(readFileSync(resolve(root, f.path), 'utf8'), f.path, config.flavor, parseCache);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.value) propertyFiles.push(parsed.value);
  }
  parseCache?.save();
  diagnostics.push(...crossFileDuplicates(propertyFiles));
  const withFixtures = resolveFixtures(root, config.testPaths, propertyFiles, exclude);
  diagnostics.push(...withFixtures.diagnostics);

  const docs: DocBlock[] = [];
  for (const f of filesUnder(root, [...config.modelPaths, ...config.docsPaths], ['.md'], exclude)) {
    const parsed = parseDocBlocks(readFileSync(resolve(root, f.path), 'utf8'), f.path);
    docs.push(...parsed.blocks);
    diagnostics.push(...parsed.diagnostics);
  }
  diagnostics.push(...duplicateDocs(docs));
  const packages = loadPackages(root, config, config.packagesInstallPath);
  diagnostics.push(...packages.diagnostics);
  const selectorsFile = loadSelectorsFile(root);
  diagnostics.push(...selectorsFile.diagnostics);

  return {
    value: {
      root, config, models, seeds, snapshots, macros, singularTests, genericTestFiles, propertyFiles: withFixtures.value, docs, packages: packages.value,
      ...(selectorsFile.value ? { selectorsFile: selectorsFile.value } : {}),
    },
    diagnostics,
  };
}
