import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import YAML from 'yaml';
import { loadProjectConfig } from '../config/project-config.js';
import type { ProjectConfig } from '../config/types.js';
import { errorDiagnostic, warningDiagnostic, type Checked, type Diagnostic } from '../errors/diagnostic.js';
import { readSourceFile } from './source-file.js';
import type { LoadedPackage, SourceFile } from './types.js';
import { listFiles, normalizeDir } from './walk-files.js';

/**
 * The dbt packages a project uses, for their macros: each folder of the install path
 * (`packages-install-path`, default dbt_packages/, where `dbt deps` puts them) that holds a
 * dbt_project.yml, plus `local:` entries of packages.yml / dependencies.yml. plan does not download
 * packages: a hub or git package that is not installed is an error saying to run `dbt deps`.
 */
export function loadPackages(root: string, config: ProjectConfig, installPath: string): Checked<LoadedPackage[]> {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map<string, LoadedPackage>();
  const add = (dir: string): void => {
    const pkg = loadPackage(root, dir);
    if (!pkg) {
      const file = `${relative(root, dir).split('\\').join('/')}/dbt_project.yml`;
      diagnostics.push(warningDiagnostic('packages.unreadable', `${file} cannot be read as a dbt project file: the package's macros are not loaded`, { file, hint: 'reinstall the package (dbt deps)' }));
    } else if (pkg.name !== config.name && !byName.has(pkg.name)) byName.set(pkg.name, pkg);
  };
  const installDir = resolve(root, installPath);
  if (existsSync(installDir)) {
    for (const entry of readdirSync(installDir).sort()) {
      const dir = join(installDir, entry);
      if (statSync(dir).isDirectory() && existsSync(join(dir, 'dbt_project.yml'))) add(dir);
    }
  }
  for (const file of ['packages.yml', 'dependencies.yml']) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const listed = packageEntries(readFileSync(path, 'utf8'), file, diagnostics);
    for (const entry of listed) {
      if (entry.local !== undefined) {
        const dir = resolve(root, entry.local);
        if (existsSync(join(dir, 'dbt_project.yml'))) add(dir);
        else diagnostics.push(errorDiagnostic('packages.missing_local', `${file}: local package '${entry.local}' has no dbt_project.yml`, { file, line: entry.line, hint: 'fix the path (relative to the project folder)' }));
      } else if (!installedAs(entry.remote, byName)) {
        diagnostics.push(
          errorDiagnostic('packages.not_installed', `${file}: package '${entry.remote}' is not installed in ${installPath}/`, {
            file,
            line: entry.line,
            hint: `plan does not download packages: run \`dbt deps\` once (or copy the package into ${installPath}/)`,
          }),
        );
      }
    }
  }
  return { value: [...byName.values()], diagnostics };
}

/** A package's macros and vars; its own config problems (unknown keys...) are not the user's to fix. */
function loadPackage(root: string, dir: string): LoadedPackage | undefined {
  const config = loadProjectConfig(dir).value;
  if (!config) return undefined;
  const rel = relative(root, dir).split('\\').join('/');
  const macros: SourceFile[] = [];
  for (const macroDir of config.macroPaths.map(normalizeDir)) {
    const base = rel === '' ? macroDir : `${rel}/${macroDir}`;
    for (const path of listFiles(root, base, ['.sql'], new Set())) macros.push(readSourceFile(root, path, base));
  }
  return { name: config.name, dir: rel, macros, vars: config.vars };
}

interface PackageEntry {
  readonly local?: string;
  /** hub `package:` or `git:` value. */
  readonly remote: string;
  readonly line: number;
}

function packageEntries(text: string, file: string, diagnostics: Diagnostic[]): PackageEntry[] {
  let doc: YAML.Document.Parsed;
  try {
    doc = YAML.parseDocument(text);
  } catch {
    return [];
  }
  const lineCounter = (offset: number | undefined): number => (offset === undefined ? 1 : text.slice(0, offset).split('\n').length);
  const list = doc.get('packages', true);
  if (!YAML.isSeq(list)) {
    if (doc.errors.length > 0) diagnostics.push(errorDiagnostic('packages.invalid_file', `${file} is not valid YAML: ${doc.errors[0].message}`, { file }));
    return [];
  }
  return list.items.flatMap((item) => {
    if (!YAML.isMap(item)) return [];
    const value = (key: string): string | undefined => {
      const v = item.get(key);
      return typeof v === 'string' ? v : undefined;
    };
    const line = lineCounter(item.range?.[0]);
    const local = value('local');
    if (local !== undefined) return [{ local, remote: local, line }];
    const remote = value('package') ?? value('git') ?? value('tarball');
    return remote === undefined ? [] : [{ remote, line }];
  });
}

/** Is the hub/git package `remote` ('dbt-labs/dbt_utils', 'https://.../dbt-utils.git') among the installed ones? */
function installedAs(remote: string, installed: ReadonlyMap<string, LoadedPackage>): boolean {
  const last = remote.replace(/\.git$/, '').split(/[/:]/).pop() ?? remote;
  const candidates = [last, last.replaceAll('-', '_')];
  return candidates.some((name) => installed.has(name)) || [...installed.values()].some((p) => p.dir.split('/').pop() === last);
}
