import { Dag } from '../graph/dag.js';
import type { Manifest } from '../manifest/types.js';
import { isRunnable } from '../run/types.js';

/**
 * The graph the runner walks: the selected runnable nodes, each depending on its nearest selected
 * runnable ancestors (paths through unselected or ephemeral nodes are kept, as dbt's subset graph
 * does). In `build`, a node's tests run before its children, so a failing test skips them; a
 * model's unit tests run before the model.
 */
export function executionGraph(manifest: Manifest, dag: Dag, selected: ReadonlySet<string>): Dag {
  const runnable = new Set([...selected].filter((id) => {
    const node = manifest.nodes.get(id);
    return node !== undefined && isRunnable(node);
  }));
  const graph = new Dag();
  for (const id of runnable) graph.addNode(id);

  const nearestCache = new Map<string, Set<string>>();
  const nearestRunnableParents = (id: string): Set<string> => {
    const cached = nearestCache.get(id);
    if (cached) return cached;
    const found = new Set<string>();
    for (const parent of dag.parents(id)) {
      if (runnable.has(parent)) found.add(parent);
      else for (const p of nearestRunnableParents(parent)) found.add(p);
    }
    nearestCache.set(id, found);
    return found;
  };
  for (const id of runnable) for (const parent of nearestRunnableParents(id)) graph.addEdge(parent, id);

  for (const id of runnable) {
    const node = manifest.nodes.get(id);
    if (node?.resourceType === 'unit_test' && runnable.has(node.model)) graph.addEdge(id, node.model);
  }
  gateChildrenOnTests(manifest, graph, runnable);
  return graph;
}

function gateChildrenOnTests(manifest: Manifest, graph: Dag, runnable: ReadonlySet<string>): void {
  for (const testId of runnable) {
    const test = manifest.nodes.get(testId);
    if (test?.resourceType !== 'test') continue;
    const testUpstream = graph.upstream(testId);
    for (const parent of graph.parents(testId)) {
      for (const child of graph.children(parent)) {
        const childNode = manifest.nodes.get(child);
        if (child === testId || childNode?.resourceType === 'test') continue;
        if (testUpstream.has(child) || child === testId) continue;
        if (graph.upstream(child).has(testId)) continue;
        graph.addEdge(testId, child);
      }
    }
  }
}
