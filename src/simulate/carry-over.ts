import type { ModelNode } from '../manifest/types.js';
import { resolveStrategy } from '../materialize/index.js';
import { compiledChanges } from '../plan/compiled-diff.js';
import { nodesToRebuild } from '../plan/rebuild-set.js';
import type { PreparedProject } from '../pipeline/prepare.js';

/**
 * The nodes year N must build when year N-1 was built by the same process: those whose file,
 * config or compiled SQL (and hooks) differ between the two years' renders, incremental models
 * whose re-run is not a no-op (see rerunChangesNothing), new nodes, and everything downstream.
 * A table, view, seed or replacing incremental whose definition and inputs did not change would
 * be rebuilt into the same rows, and its tests would give the same results, so they are carried
 * over instead.
 */
export function nodesToBuildAfter(previous: PreparedProject, next: PreparedProject): Set<string> {
  const before = previous.rendered.manifest.nodes;
  const changed = new Set<string>();
  const candidates: string[] = [];
  for (const node of next.rendered.manifest.nodes.values()) {
    const old = before.get(node.uniqueId);
    if (!old) changed.add(node.uniqueId);
    else if (node.resourceType === 'model' && node.config.materialized === 'incremental' && !rerunChangesNothing(node)) changed.add(node.uniqueId);
    else if ('checksum' in node && 'checksum' in old && node.checksum !== old.checksum) changed.add(node.uniqueId);
    else if ('config' in node && 'config' in old && JSON.stringify(node.config) !== JSON.stringify(old.config)) changed.add(node.uniqueId);
    else if (node.resourceType === 'model' && old.resourceType === 'model' && hooksDiffer(previous, next, old, node)) changed.add(node.uniqueId);
    else candidates.push(node.uniqueId);
  }
  for (const id of compiledChanges(previous.rendered, next.rendered, candidates)) changed.add(id);
  return nodesToRebuild({ changed, carried: [], dag: next.dag, selected: new Set(next.rendered.manifest.nodes.keys()) });
}

/**
 * Running an incremental model again with the same SQL and inputs writes the same rows when its
 * strategy replaces what it writes (insert_overwrite, delete+insert, merge; not append) and it
 * never reads its own table ({{ this }}, is_incremental(), prior() of itself).
 */
function rerunChangesNothing(node: ModelNode): boolean {
  let strategy: string;
  try {
    strategy = resolveStrategy(node);
  } catch {
    return false;
  }
  if (strategy === 'append') return false;
  if (/\bthis\b|is_incremental/.test(node.rawCode)) return false;
  return !node.priorReads.some((read) => read.name.toLowerCase() === node.name.toLowerCase());
}

type Model = Parameters<PreparedProject['rendered']['compiler']['compileHooks']>[0];

function hooksDiffer(previous: PreparedProject, next: PreparedProject, old: Model, node: Model): boolean {
  if (node.config.pre_hook.length === 0 && node.config.post_hook.length === 0) return false;
  try {
    const render = (p: PreparedProject, m: Model): string => JSON.stringify([p.rendered.compiler.compileHooks(m, 'pre'), p.rendered.compiler.compileHooks(m, 'post')]);
    return render(previous, old) !== render(next, node);
  } catch {
    return true;
  }
}
