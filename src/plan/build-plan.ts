import type { Dag } from '../graph/dag.js';
import type { Manifest, ResourceType } from '../manifest/types.js';
import { executionGraph } from './execution-graph.js';

export type CommandKind = 'build' | 'run' | 'seed' | 'snapshot' | 'test' | 'compile';

/** Which resource types each command executes. */
export const COMMAND_RESOURCES: Readonly<Record<CommandKind, readonly ResourceType[]>> = {
  build: ['seed', 'model', 'snapshot', 'test', 'unit_test'],
  run: ['model'],
  seed: ['seed'],
  snapshot: ['snapshot'],
  test: ['test', 'unit_test'],
  compile: ['model', 'test'],
};

export interface ExecutionPlan {
  readonly command: CommandKind;
  /** The runnable nodes and the order constraints between them. */
  readonly graph: Dag;
}

/** (dag, selection, command) -> the graph of steps to run. Pure: no database. */
export function buildPlan(manifest: Manifest, dag: Dag, selected: ReadonlySet<string>, command: CommandKind): ExecutionPlan {
  const kinds = new Set(COMMAND_RESOURCES[command]);
  const chosen = new Set([...selected].filter((id) => {
    const node = manifest.nodes.get(id);
    return node !== undefined && kinds.has(node.resourceType);
  }));
  return { command, graph: executionGraph(manifest, dag, chosen) };
}
