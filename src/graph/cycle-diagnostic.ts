import { errorDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import type { Manifest, ManifestNode } from '../manifest/types.js';

/**
 * A `graph.cycle` diagnostic for a closed path of unique_ids (parent -> child -> ... -> first):
 *
 *   Found a cycle: stg_a -> fct_b -> stg_a
 *     fct_b (models/marts/fct_b.sql:3) refs stg_a
 *     stg_a (models/staging/stg_a.sql:1) refs fct_b
 */
export function cycleDiagnostic(manifest: Manifest, cycle: readonly string[]): Diagnostic {
  const names = cycle.map((id) => manifest.nodes.get(id)?.name ?? id);
  const lines: string[] = [];
  let first: { file: string; line?: number; node: string } | undefined;
  for (let i = 1; i < cycle.length; i++) {
    const child = manifest.nodes.get(cycle[i]);
    const parent = manifest.nodes.get(cycle[i - 1]);
    if (!child || !parent) continue;
    const line = refLine(child, parent);
    const where = line === undefined ? child.originalFilePath : `${child.originalFilePath}:${line}`;
    lines.push(`  ${child.name} (${where}) refs ${parent.name}`);
    first ??= { file: child.originalFilePath, line, node: child.uniqueId };
  }
  const message = [`Found a cycle: ${names.join(' -> ')}`, ...lines].join('\n');
  return errorDiagnostic('graph.cycle', message, { ...first, hint: 'remove one of these refs' });
}

/** The line of `child`'s ref() to `parent`, when the renderer recorded one. */
function refLine(child: ManifestNode, parent: ManifestNode): number | undefined {
  if (!('refs' in child)) return undefined;
  const ref = child.refs.find((r) => r.name === parent.name && (r.package === undefined || r.package === parent.packageName));
  return ref?.line;
}
