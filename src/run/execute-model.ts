import { compareContract, contractDdl, contractError } from '../contracts/index.js';
import { persistDocs } from '../materialize/persist-docs.js';
import type { ColumnSchema, EngineConnection } from '../engine/types.js';
import { ExecutionError } from '../errors/plan-error.js';
import type { ModelNode, PriorRead } from '../manifest/types.js';
import { ensurePartitionsTable, findPartition, isIncrementalRun, materialize, upsertPartitions } from '../materialize/index.js';
import { errorOutcome } from './error-outcome.js';
import type { ExecutorOutcome, RunContext } from './run-context.js';

/** render (knowing whether the run is incremental) -> prior-partition checks -> contract -> materialize -> record partitions. */
export async function executeModel(node: ModelNode, conn: EngineConnection, ctx: RunContext): Promise<ExecutorOutcome> {
  let compiledSql: string | undefined;
  const source = (): { file: string; rawCode: string; compiledSql?: string } => ({ file: node.originalFilePath, rawCode: node.rawCode, compiledSql });
  try {
    const incremental = await isIncrementalRun(conn, node, ctx.flags.fullRefresh);
    const { compiled, preHooks, postHooks } = await ctx.compiler.withQueries(
      (introspection) => ({
        compiled: ctx.compiler.compileModelWithReads(node, { isIncremental: incremental, introspection }),
        preHooks: ctx.compiler.compileHooks(node, 'pre', introspection),
        postHooks: ctx.compiler.compileHooks(node, 'post', introspection),
      }),
      (sql) => conn.query(sql),
      node.originalFilePath,
    );
    compiledSql = compiled.sql;
    await checkPriorPartitions(node, compiled.priorReads, conn, ctx);

    const enforced = node.config.contract.enforced;
    const declared = Object.values(node.columns);
    const ddl = enforced && node.config.materialized !== 'view' ? contractDdl(declared, node.constraints) : undefined;
    const checkColumns = enforced
      ? (columns: readonly ColumnSchema[]): void => {
          const diffs = compareContract(declared, columns, ctx.manifest.contractTypes);
          if (diffs.length > 0) throw contractError(node.name, node.originalFilePath, diffs, node.uniqueId, node.patchPath, node.propertyLines);
        }
      : undefined;

    const partitioned = (node.config.partition_by?.length ?? 0) > 0;
    // The registry's table is created outside the build's transaction; its rows are written inside it.
    if (partitioned) await ensurePartitionsTable(conn, ctx.target.schema);
    const result = await materialize({
      node,
      compiledSql,
      conn,
      fullRefresh: ctx.flags.fullRefresh,
      preHooks,
      postHooks,
      columnDdl: ddl?.columnDdl,
      tableConstraints: ddl?.tableConstraints,
      checkColumns,
      priorReads: compiled.priorReads,
      customStrategy: ctx.compiler.customStrategyFor(node),
      external: { root: ctx.target.externalRoot, projectDir: ctx.projectDir },
      ...(partitioned
        ? {
            recordPartitions: (tx, partitions) =>
              upsertPartitions(
                tx,
                ctx.target.schema,
                partitions.map((partition) => ({
                  modelId: node.uniqueId,
                  relation: `${node.relation.schema}.${node.relation.identifier}`,
                  partition,
                  vars: ctx.vars,
                  checksum: node.checksum,
                  invocationId: ctx.invocationId,
                })),
              ),
          }
        : {}),
    });
    await persistDocs(conn, node);
    return { status: 'success', message: result.message, rowsAffected: result.rowsAffected, compiledSql };
  } catch (error) {
    return errorOutcome(error, source());
  }
}

/** A read of an earlier partition (year N-1) that was never built is an error that says what to build first. */
async function checkPriorPartitions(node: ModelNode, reads: readonly PriorRead[], conn: EngineConnection, ctx: RunContext): Promise<void> {
  for (const read of reads) {
    const upstream = [...ctx.manifest.nodes.values()].find((n) => n.resourceType === 'model' && n.name === read.name);
    if (!upstream) continue;
    const built = await findPartition(conn, ctx.target.schema, upstream.uniqueId, read.filters);
    if (!built) {
      const filters = Object.entries(read.filters)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ');
      throw new ExecutionError('run.prior_missing', `reads partition (${filters}) of '${read.name}', which has not been built`, {
        file: read.file ?? node.originalFilePath,
        line: read.line,
        node: node.uniqueId,
        hint: `build '${read.name}' first with the vars that produce ${filters} (for a simulation year N: plan build --vars year=N, or plan simulate from the first year)`,
      });
    }
  }
}

