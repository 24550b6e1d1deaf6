import type { Dag } from '../graph/dag.js';

export interface ScheduleCallbacks<R> {
  /** Run one node; never throws (failures are results). */
  run(id: string): Promise<R>;
  /** Whether this result stops the node's descendants. */
  blocks(result: R): boolean;
  /** Called for each descendant skipped because `cause` failed. */
  skip(id: string, cause: string): R;
  /** After a failure with fail-fast, every node not yet started is skipped. */
  failFast: boolean;
  concurrency: number;
  onResult(id: string, result: R): void;
}

/**
 * Runs a DAG with up to `concurrency` nodes at a time, each as soon as all its parents are done.
 * Ready nodes start in topological order so output is stable for a given graph.
 */
export async function schedule<R>(graph: Dag, callbacks: ScheduleCallbacks<R>): Promise<Map<string, R>> {
  const order = graph.topologicalOrder();
  const position = new Map(order.map((id, i) => [id, i]));
  const remaining = new Map(order.map((id) => [id, graph.parents(id).length]));
  const results = new Map<string, R>();
  const ready: string[] = order.filter((id) => remaining.get(id) === 0);
  const running = new Set<Promise<void>>();
  let stopped = false;

  const finish = (id: string, result: R): void => {
    if (results.has(id)) return;
    results.set(id, result);
    callbacks.onResult(id, result);
    if (callbacks.blocks(result)) {
      for (const d of [...graph.downstream(id)].sort((a, b) => position.get(a)! - position.get(b)!)) {
        if (!results.has(d)) {
          results.set(d, callbacks.skip(d, id));
          callbacks.onResult(d, results.get(d)!);
        }
      }
      if (callbacks.failFast) stopped = true;
    }
    for (const child of graph.children(id)) {
      const left = remaining.get(child)! - 1;
      remaining.set(child, left);
      if (left === 0 && !results.has(child)) insertSorted(ready, child, position);
    }
  };

  while (ready.length > 0 || running.size > 0) {
    while (!stopped && ready.length > 0 && running.size < callbacks.concurrency) {
      const id = ready.shift()!;
      if (results.has(id)) continue;
      const task: Promise<void> = callbacks.run(id).then((result) => {
        running.delete(task);
        finish(id, result);
      });
      running.add(task);
    }
    if (stopped && running.size === 0) break;
    if (running.size > 0) await Promise.race(running);
    else if (stopped || ready.length === 0) break;
  }
  for (const id of order) {
    if (!results.has(id)) {
      const skipped = callbacks.skip(id, 'fail-fast');
      results.set(id, skipped);
      callbacks.onResult(id, skipped);
    }
  }
  return results;
}

function insertSorted(queue: string[], id: string, position: ReadonlyMap<string, number>): void {
  const p = position.get(id)!;
  let i = queue.length;
  while (i > 0 && position.get(queue[i - 1])! > p) i--;
  queue.splice(i, 0, id);
}
