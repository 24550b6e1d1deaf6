import { randomUUID } from 'node:crypto';
import { targetDirOf } from '../../artifacts/artifact-paths.js';
import { writeJsonArtifact } from '../../artifacts/write-artifacts.js';
import { openEngine } from '../../engine/index.js';
import { sourcesJson } from '../../artifacts/sources-json.js';
import { checkFreshness, freshnessOf, type FreshnessResult } from '../../freshness/source-freshness.js';
import type { SourceNode } from '../../manifest/types.js';
import { engineOptionsOf } from '../../pipeline/engine-options.js';
import { PLAN_VERSION } from '../../pipeline/version.js';
import { selectNodes } from '../../select/index.js';
import { selectionSpecOf } from '../../pipeline/selection.js';
import type { ProjectOptions, SelectionOptions } from '../common-options.js';
import { writeLine, type CliIO } from '../io.js';
import { prepareForCommand } from '../prepare-for-command.js';

/** plan source freshness [-s source:x]: dbt's freshness check of sources; exit 1 when one is past error_after. */
export async function sourceFreshnessCommand(options: ProjectOptions & SelectionOptions, io: CliIO): Promise<number> {
  const invocationId = randomUUID();
  const started = performance.now();
  const prepared = prepareForCommand(options, io, 'source freshness', { invocationId });
  const { manifest } = prepared.rendered;
  const selected = selectNodes(manifest, prepared.dag, selectionSpecOf(prepared, options, ['source:*']), { indirectSelection: 'empty' });
  const sources = [...selected].map((id) => manifest.nodes.get(id)).filter((n): n is SourceNode => n?.resourceType === 'source');
  const checkable = sources.flatMap((node) => {
    const config = freshnessOf(node);
    return config ? [{ node, ...config }] : [];
  });
  writeLine(io.stdout, `Checking the freshness of ${checkable.length} source table${checkable.length === 1 ? '' : 's'}${sources.length > checkable.length ? ` (${sources.length - checkable.length} without freshness and loaded_at_field skipped)` : ''}`);
  const results: FreshnessResult[] = [];
  const engine = await openEngine({ ...engineOptionsOf(prepared.target, 1, prepared.project.root), readOnly: true });
  try {
    await engine.withConnection(async (conn) => {
      for (const [i, check] of checkable.entries()) {
        const result = await checkFreshness(conn, check.node, check.criteria, check.loadedAtField);
        results.push(result);
        const label = result.status === 'runtime error' ? 'ERROR' : result.status.toUpperCase();
        writeLine(io.stdout, `${i + 1}/${checkable.length} ${label.padEnd(5)} freshness of ${check.node.sourceName}.${check.node.name}: ${result.message}`);
      }
    });
  } finally {
    await engine.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  writeJsonArtifact(targetDirOf(prepared.project), 'sources.json', sourcesJson(results, elapsed, { invocationId, generatedAt: new Date(), planVersion: PLAN_VERSION }));
  const count = (status: FreshnessResult['status']): number => results.filter((r) => r.status === status).length;
  writeLine(io.stdout, `Done in ${elapsed.toFixed(2)}s. PASS=${count('pass')} WARN=${count('warn')} ERROR=${count('error') + count('runtime error')}`);
  return results.some((r) => r.status === 'error' || r.status === 'runtime error') ? 1 : 0;
}
