import { canRunInOneScan, runColumnTestsInOneScan, type ColumnTest } from '../data-tests/index.js';
import type { Dag } from '../graph/dag.js';
import { relationSql, type ModelNode, type SeedNode, type TestNode } from '../manifest/types.js';
import { testOptions, testOutcome } from './execute-test.js';
import type { ExecutorOutcome, RunContext } from './run-context.js';

/**
 * Built-in unique / not_null / accepted_values tests on one model (same `where`) run as one scan
 * of the model (runColumnTestsInOneScan), with the same per-test results as running them alone.
 * The first member the scheduler starts runs the scan on its own connection; the others wait for
 * it and report their own result. Not used when the project overrides one of those test macros.
 */
export class TestBatches {
  private readonly groupOf = new Map<string, readonly TestNode[]>();
  private readonly started = new Map<readonly TestNode[], Promise<ReadonlyMap<string, ExecutorOutcome>>>();

  constructor(
    private readonly ctx: RunContext,
    graph: Dag,
  ) {
    const groups = new Map<string, TestNode[]>();
    for (const id of graph.nodes()) {
      const node = ctx.manifest.nodes.get(id);
      if (node?.resourceType !== 'test' || !this.groupable(node)) continue;
      const key = `${node.dependsOn.nodes[0]}\u0000${node.config.where ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), node]);
    }
    for (const members of groups.values()) if (members.length > 1) for (const m of members) this.groupOf.set(m.uniqueId, members);
  }

  /** The test's outcome from its group's shared scan; undefined when it runs alone (not grouped, or it did not compile). */
  async outcome(node: TestNode): Promise<ExecutorOutcome | undefined> {
    const members = this.groupOf.get(node.uniqueId);
    if (!members) return undefined;
    let scan = this.started.get(members);
    if (!scan) this.started.set(members, (scan = this.scan(members)));
    return (await scan).get(node.uniqueId);
  }

  private groupable(node: TestNode): boolean {
    // --store-failures writes every test's failing rows to a table: those run alone.
    if (this.ctx.flags.storeFailures || !canRunInOneScan(node) || node.dependsOn.nodes.length !== 1) return false;
    const where = node.config.where;
    // Jinja in the where or the arguments is rendered per test only: such tests run alone.
    if (where !== undefined && /[{}]/.test(where)) return false;
    const { model: _model, ...kwargs } = node.testMetadata!.kwargs;
    if (/\{\{|\{%/.test(JSON.stringify(kwargs))) return false;
    const parent = this.ctx.manifest.nodes.get(node.dependsOn.nodes[0]);
    if (parent?.resourceType !== 'model' && parent?.resourceType !== 'seed') return false;
    const name = node.testMetadata!.name;
    return ![...this.ctx.manifest.macros.values()].some((m) => m.name === `test_${name}` && m.packageName !== 'plan');
  }

  private async scan(members: readonly TestNode[]): Promise<ReadonlyMap<string, ExecutorOutcome>> {
    const parent = this.ctx.manifest.nodes.get(members[0].dependsOn.nodes[0]) as ModelNode | SeedNode;
    const tests: ColumnTest[] = [];
    for (const node of members) {
      try {
        tests.push({ node, compiledSql: this.ctx.compiler.compileTest(node) });
      } catch {
        // Runs alone, which reports the compile error.
      }
    }
    const results = await this.ctx.engine.withConnection((conn) => runColumnTestsInOneScan(conn, relationSql(parent.relation), tests, testOptions(this.ctx)));
    return new Map(results.map((r, i) => [r.uniqueId, testOutcome(tests[i].node, r, tests[i].compiledSql)]));
  }
}
