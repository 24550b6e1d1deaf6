import type { Manifest, ManifestNode } from '../manifest/types.js';
import type { NodeCompiler } from '../render/node-compiler.js';

export interface CompiledSide {
  readonly manifest: Manifest;
  readonly compiler: NodeCompiler;
}

/**
 * Of `candidates`, the models and tests whose compiled SQL differs between the two renders: what a
 * changed macro, var or generic test does to nodes whose own file did not change. A node that fails
 * to compile on either side counts as changed (running it reports the error with its file).
 */
export function compiledChanges(previous: CompiledSide, next: CompiledSide, candidates: Iterable<string>): Set<string> {
  const changed = new Set<string>();
  for (const id of candidates) {
    const before = previous.manifest.nodes.get(id);
    const after = next.manifest.nodes.get(id);
    if (!before || !after) continue;
    const a = compileOrUndefined(previous.compiler, before);
    const b = compileOrUndefined(next.compiler, after);
    if (a === undefined || b === undefined || a !== b) changed.add(id);
  }
  return changed;
}

function compileOrUndefined(compiler: NodeCompiler, node: ManifestNode): string | null | undefined {
  try {
    if (node.resourceType === 'model') return compiler.compileModel(node, { isIncremental: false });
    if (node.resourceType === 'test') return compiler.compileTest(node);
    return null;
  } catch {
    return undefined;
  }
}
