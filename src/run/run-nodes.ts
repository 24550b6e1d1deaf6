import type { Dag } from '../graph/dag.js';
import type { ManifestNode } from '../manifest/types.js';
import { executeModel } from './execute-model.js';
import { executeSeed } from './execute-seed.js';
import { executeSnapshot } from './execute-snapshot.js';
import { executeTest } from './execute-test.js';
import { executeUnitTest } from './execute-unit-test.js';
import type { ExecutorOutcome, RunContext } from './run-context.js';
import { schedule } from './scheduler.js';
import { TestBatches } from './test-batches.js';
import { blocksDownstream, type NodeResult, type RunnableNode } from './types.js';

/**
 * Execute the nodes of an execution graph (see executionGraph) in dependency order, `threads` at a
 * time, each on its own pooled connection. A failed node skips everything downstream of it.
 */
export async function runNodes(ctx: RunContext, graph: Dag, command: string): Promise<NodeResult[]> {
  const total = graph.nodes().length;
  const started = performance.now();
  ctx.reporter.emit({ type: 'run_start', command, total, threads: ctx.flags.threads });
  let finished = 0;
  const ordered: NodeResult[] = [];
  const batches = new TestBatches(ctx, graph);

  const results = await schedule<NodeResult>(graph, {
    concurrency: Math.max(1, ctx.flags.threads),
    failFast: ctx.flags.failFast,
    blocks: (r) => blocksDownstream(r) && !(r.status === 'fail' && isWarnOnly(ctx, r.uniqueId)),
    run: async (id) => {
      const node = ctx.manifest.nodes.get(id) as RunnableNode;
      ctx.reporter.emit({ type: 'node_start', index: finished + 1, total, node });
      return executeNode(node, ctx, batches);
    },
    skip: (id, cause) => skippedResult(ctx, id, cause),
    onResult: (id, result) => {
      finished += 1;
      ordered.push(result);
      ctx.reporter.emit({ type: 'node_finish', index: finished, total, node: ctx.manifest.nodes.get(id) as ManifestNode, result });
    },
  });
  const elapsedSeconds = (performance.now() - started) / 1000;
  ctx.reporter.emit({ type: 'run_finish', results: ordered, elapsedSeconds });
  return graph.topologicalOrder().map((id) => results.get(id)!);
}

async function executeNode(node: RunnableNode, ctx: RunContext, batches: TestBatches): Promise<NodeResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const batched = node.resourceType === 'test' ? await batches.outcome(node) : undefined;
  if (batched) return { uniqueId: node.uniqueId, ...batched, executionTime: (performance.now() - t0) / 1000, startedAt: startedAt.toISOString(), completedAt: new Date().toISOString() };
  const conn = await ctx.engine.acquire();
  let outcome: ExecutorOutcome;
  try {
    switch (node.resourceType) {
      case 'model':
        outcome = await executeModel(node, conn, ctx);
        break;
      case 'seed':
        outcome = await executeSeed(node, conn, ctx);
        break;
      case 'snapshot':
        outcome = await executeSnapshot(node, conn, ctx);
        break;
      case 'test':
        outcome = await executeTest(node, conn, ctx);
        break;
      case 'unit_test':
        outcome = await executeUnitTest(node, conn, ctx);
        break;
    }
  } finally {
    conn.release();
  }
  return {
    uniqueId: node.uniqueId,
    ...outcome,
    executionTime: (performance.now() - t0) / 1000,
    startedAt: startedAt.toISOString(),
    completedAt: new Date().toISOString(),
  };
}

function skippedResult(ctx: RunContext, id: string, cause: string): NodeResult {
  const now = new Date().toISOString();
  const causeNode = ctx.manifest.nodes.get(cause);
  const message = cause === 'fail-fast' ? 'skipped: --fail-fast stopped the run' : `skipped because ${causeNode?.name ?? cause} did not succeed`;
  return { uniqueId: id, status: 'skipped', message, executionTime: 0, startedAt: now, completedAt: now };
}

/** A test that failed only at warn severity does not stop its downstream. */
function isWarnOnly(ctx: RunContext, id: string): boolean {
  const node = ctx.manifest.nodes.get(id);
  return node?.resourceType === 'test' && node.config.severity === 'warn';
}
