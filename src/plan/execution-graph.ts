import { Dag } from '../graph/dag.js';
import type { Manifest } from '../manifest/types.js';
import { isRunnable } from '../run/types.js';

/**
 * The graph the runner walks: the selected runnable nodes, each depending on its nearest selected
 * runnable ancestors (paths through unselected or ephemeral nodes are kept, as dbt's subset graph
 * does). A model's unit tests run after the model's parents and before the model. In `build`, a
 * data test runs before the nodes that depend on everything it reads, so a failing test skips
 * them (see gateOnTests).
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
  for (const id of runnable) {
    const node = manifest.nodes.get(id);
    if (node?.resourceType === 'unit_test') {
      // In the DAG a unit test hangs under its model (for selection); here it runs before it.
      for (const parent of nearestRunnableParents(node.model)) graph.addEdge(parent, id);
      if (runnable.has(node.model)) graph.addEdge(id, node.model);
    } else {
      for (const parent of nearestRunnableParents(id)) graph.addEdge(parent, id);
    }
  }
  gateOnTests(manifest, graph, runnable);
  return graph;
}

/**
 * dbt's rule (add_test_edges): a data test runs before every node that has all the test's parents
 * upstream of it. A test of one model thus gates the model's children; a relationships test from
 * `orders` to `customers` gates only nodes downstream of both, not every child of `customers`.
 * An edge goes to the first such nodes on each path; the rest wait for them.
 */
function gateOnTests(manifest: Manifest, graph: Dag, runnable: ReadonlySet<string>): void {
  const isTest = (id: string): boolean => {
    const type = manifest.nodes.get(id)?.resourceType;
    return type === 'test' || type === 'unit_test';
  };
  const descendantsCache = new Map<string, Set<string>>();
  const descendants = (id: string): Set<string> => {
    let found = descendantsCache.get(id);
    if (!found) {
      found = new Set();
      const stack = [id];
      while (stack.length > 0) {
        for (const child of graph.children(stack.pop()!)) {
          if (isTest(child) || found.has(child)) continue;
          found.add(child);
          stack.push(child);
        }
      }
      descendantsCache.set(id, found);
    }
    return found;
  };
  const tests = [...runnable].filter((id) => manifest.nodes.get(id)?.resourceType === 'test');
  // Worked out before any gating edge is added, so tests are never walked through.
  const gated = tests.map((testId) => {
    const parents = graph.parents(testId);
    // One parent (most tests): its children; a child that is also a grandchild waits anyway.
    if (parents.length <= 1) return parents.flatMap((parent) => graph.children(parent).filter((child) => !isTest(child)));
    const [smallest, ...others] = parents.map(descendants).sort((a, b) => a.size - b.size);
    const downstreamOfAll = new Set([...smallest].filter((id) => others.every((set) => set.has(id))));
    return [...downstreamOfAll].filter((id) => !graph.parents(id).some((parent) => downstreamOfAll.has(parent)));
  });
  tests.forEach((testId, i) => {
    for (const node of gated[i]) graph.addEdge(testId, node);
  });
}
