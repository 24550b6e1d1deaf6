import type { Dag } from '../graph/dag.js';

export interface RebuildSetInput {
  /** Nodes whose definition changed (see diffManifests, compiledChanges). */
  readonly changed: Iterable<string>;
  /** Nodes that errored or were skipped last time: built again until they succeed. */
  readonly carried: Iterable<string>;
  readonly dag: Dag;
  /** The session's selection, computed on the new manifest. */
  readonly selected: ReadonlySet<string>;
}

/**
 * What a rebuild runs: the changed and carried nodes plus everything downstream of them (their
 * tests and children), kept to the selection. A changed leaf model gives itself and its tests.
 */
export function nodesToRebuild(input: RebuildSetInput): Set<string> {
  const starts = new Set([...input.changed, ...input.carried].filter((id) => input.dag.has(id)));
  const reach = new Set([...starts, ...input.dag.downstreamOfAll(starts)]);
  return new Set([...reach].filter((id) => input.selected.has(id)));
}
