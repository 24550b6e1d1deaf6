import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/types.js';
import { errorDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { quoteIdent } from '../manifest/types.js';
import { collectProject, type PrepareOptions } from '../pipeline/prepare.js';
import { bindProject } from './bind-project.js';
import { contractBreakingChanges, snapshotFromManifestJson, snapshotOf, type ContractSnapshot } from '../contracts/index.js';
import type { Manifest } from '../manifest/types.js';
import { databaseName } from '../config/index.js';
import { PlanError } from '../errors/plan-error.js';
import { selectionSpecOf, yamlSelectorsOf } from '../pipeline/selection.js';

export interface CheckOptions extends PrepareOptions {
  /** Folder holding the manifest.json of the previous version, for breaking-change detection. */
  readonly statePath?: string;
  readonly openMemoryEngine: () => Promise<Engine>;
}

export interface CheckReport {
  readonly problems: readonly Diagnostic[];
  readonly modelsChecked: number;
}

/**
 * `plan check`: every problem CI should block on, in one pass and without data: project and yml
 * errors, unknown refs, cycles, SQL that does not bind, contract mismatches, yml columns the SQL
 * does not produce, and (with a previous manifest) breaking changes to contracted models.
 */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const { prepared, diagnostics } = collectProject(options);
  const problems: Diagnostic[] = [...diagnostics];
  if (!prepared) return { problems, modelsChecked: 0 };

  if (options.statePath !== undefined) problems.push(...stateProblems(options.statePath, prepared.rendered.manifest));
  problems.push(...selectorProblems(prepared));

  const engine = await options.openMemoryEngine();
  try {
    await engine.withConnection(async (conn) => {
      const database = prepared.target.database;
      if (database !== 'memory') {
        await conn.run(`ATTACH ':memory:' AS ${quoteIdent(database)}`);
        await conn.run(`USE ${quoteIdent(database)}`);
      }
      // The profile's attached databases, empty, under the names SQL uses for them.
      for (const attached of prepared.target.attach) {
        const alias = attached.alias ?? databaseName(attached.path);
        if (alias !== database && alias !== 'memory') await conn.run(`ATTACH IF NOT EXISTS ':memory:' AS ${quoteIdent(alias)}`);
      }
      // Nodes whose render or graph problems are reported already would only repeat them as SQL errors.
      const reported = new Set(diagnostics.filter((d) => d.severity === 'error' && d.node && /^(graph|render)\./.test(d.code)).map((d) => d.node as string));
      problems.push(...(await bindProject(prepared, conn, reported)));
    });
  } finally {
    await engine.close();
  }
  const modelsChecked = [...prepared.rendered.manifest.nodes.values()].filter((n) => n.resourceType === 'model').length;
  return { problems: dedupe(problems), modelsChecked };
}

function stateProblems(statePath: string, manifest: Manifest): Diagnostic[] {
  const file = fs.existsSync(statePath) && fs.statSync(statePath).isDirectory() ? path.join(statePath, 'manifest.json') : statePath;
  if (!fs.existsSync(file)) {
    return [errorDiagnostic('check.state_missing', `--state: ${file} does not exist`, { hint: 'point --state at the folder holding the previous version\'s manifest.json (e.g. a copy of target/)' })];
  }
  try {
    const previous = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes?: Record<string, unknown> };
    const before = Object.values(previous?.nodes ?? {})
      .map(snapshotFromManifestJson)
      .filter((s): s is ContractSnapshot => s !== undefined);
    const now = [...manifest.nodes.values()].flatMap((n) => (n.resourceType === 'model' ? [snapshotOf(n)] : []));
    return contractBreakingChanges(before, now);
  } catch (error) {
    return [errorDiagnostic('check.state_invalid', `--state: ${file} is not a valid manifest.json (${(error as Error).message})`)];
  }
}

function dedupe(problems: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.severity}|${p.code}|${p.file}|${p.line}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** selectors.yml: its definitions and its default, as a command would read them. */
function selectorProblems(prepared: Parameters<typeof selectionSpecOf>[0]): Diagnostic[] {
  try {
    if (yamlSelectorsOf(prepared.project)) selectionSpecOf(prepared, {});
    return [];
  } catch (error) {
    if (error instanceof PlanError) return [error.toDiagnostic()];
    throw error;
  }
}
