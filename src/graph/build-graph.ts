import type { Checked, Diagnostic } from '../errors/diagnostic.js';
import type { Manifest } from '../manifest/types.js';
import { cycleDiagnostic } from './cycle-diagnostic.js';
import { Dag } from './dag.js';
import { nodeParents } from './node-parents.js';

/**
 * The DAG of every manifest node, edges from parent to child (see nodeParents). A parent that
 * is not in the manifest is skipped: the render stage reports unknown refs. Each cycle becomes
 * one `graph.cycle` error diagnostic; the graph is still returned so callers can show more.
 */
export function buildGraph(manifest: Manifest): Checked<Dag> {
  const dag = new Dag();
  for (const id of manifest.nodes.keys()) dag.addNode(id);
  for (const [id, node] of manifest.nodes) {
    for (const parent of nodeParents(node)) {
      if (manifest.nodes.has(parent)) dag.addEdge(parent, id);
    }
  }
  const diagnostics: Diagnostic[] = dag.findCycles().map((cycle) => cycleDiagnostic(manifest, cycle));
  return { value: dag, diagnostics };
}
