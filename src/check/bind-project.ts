import { compareContract, formatContractDiff } from '../contracts/index.js';
import type { ColumnSchema, EngineConnection } from '../engine/types.js';
import { EngineError } from '../engine/index.js';
import { errorDiagnostic, warningDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { quoteIdent, relationSql, type ContractTypeMatching, type ModelNode, type Relation, type SnapshotNode } from '../manifest/types.js';
import { seedColumnTypes } from '../materialize/index.js';
import type { PreparedProject } from '../pipeline/prepare.js';
import { errorOutcome } from '../run/error-outcome.js';

/**
 * Build the project's shape without data: seeds and sources become empty tables, every model's
 * compiled SQL is bound (not run) in DAG order and its output columns become an empty table for
 * the models after it. Reports bind errors with the model's source line, contract mismatches and
 * yml columns the model does not produce.
 */
export async function bindProject(prepared: Omit<PreparedProject, 'warnings'>, conn: EngineConnection, reported: ReadonlySet<string> = new Set()): Promise<Diagnostic[]> {
  const { manifest, compiler } = prepared.rendered;
  const problems: Diagnostic[] = [];
  // Nodes with problems reported before binding (unknown refs, cycles...) are not bound again.
  const broken = new Set<string>([...reported, ...prepared.dag.findCycles().flat()]);
  const order = orderOf(prepared);
  const ymlColumns = ymlColumnLocations(prepared);
  const relationKey = (r: Relation): string => `${r.database}.${r.schema}.${r.identifier}`.toLowerCase();
  const builtRelations = new Set(
    [...manifest.nodes.values()].flatMap((n) => (n.resourceType === 'seed' || n.resourceType === 'model' || n.resourceType === 'snapshot' ? [relationKey(n.relation)] : [])),
  );

  for (const id of order) {
    const node = manifest.nodes.get(id);
    if (!node) continue;
    if (node.resourceType === 'seed') {
      try {
        await createEmpty(conn, node.relation, await seedColumnTypes(conn, node));
      } catch (error) {
        broken.add(id);
        problems.push(asDiagnostic(error, node.originalFilePath, '', undefined, id));
      }
    } else if (node.resourceType === 'source') {
      // A source read from files binds against the files; one naming a relation that a seed or
      // model of the project builds (a seed loaded as a source, say) binds against that node.
      if (node.externalLocation !== undefined || builtRelations.has(relationKey(node.relation))) continue;
      const columns = Object.values(node.columns).map((c) => ({ name: c.name, type: c.data_type ?? 'VARCHAR' }));
      if (columns.length === 0) {
        broken.add(id);
        problems.push(warningDiagnostic('check.source_without_columns', `source '${node.sourceName}.${node.name}' declares no columns, so models reading it cannot be checked`, { file: node.originalFilePath, node: id, hint: 'list its columns (with data_type) in the sources: entry' }));
        continue;
      }
      await createEmpty(conn, node.relation, columns);
    }
  }

  const pending = order.filter((id) => ['model', 'snapshot'].includes(manifest.nodes.get(id)?.resourceType ?? ''));
  const retry: string[] = [];
  for (const pass of [1, 2]) {
    for (const id of pass === 1 ? pending : retry.splice(0)) {
      const node = manifest.nodes.get(id) as ModelNode | SnapshotNode;
      if (broken.has(id) || node.dependsOn.nodes.some((d) => broken.has(d))) {
        broken.add(id);
        continue;
      }
      const result = node.resourceType === 'snapshot' ? await bindSnapshot(node, conn, compiler) : await bindModel(node, conn, compiler, ymlColumns, manifest.contractTypes, prepared.project.config.flavor);
      // A catalog miss may be a prior() read of a model bound later: try once more at the end.
      if (result.retry && pass === 1) retry.push(id);
      else {
        // Only SQL that does not bind leaves no relation behind; contract or yml problems do not.
        if (result.problems.some((p) => p.code === 'check.sql' || p.code === 'check.data_dependent')) broken.add(id);
        problems.push(...result.problems);
      }
    }
  }

  for (const node of manifest.nodes.values()) {
    if (node.resourceType !== 'test' || broken.has(node.uniqueId) || node.dependsOn.nodes.some((d) => broken.has(d))) continue;
    let sql: string | undefined;
    try {
      sql = await compiler.withQueries((introspection) => compiler.compileTest(node, { introspection }), (q) => conn.query(q), node.originalFilePath);
      await conn.describeQuery(sql);
    } catch (error) {
      problems.push(asDiagnostic(error, node.declaredAt?.file ?? node.originalFilePath, node.rawCode, sql, node.uniqueId, node.declaredAt?.line));
    }
  }
  return problems;
}

async function bindModel(
  node: ModelNode,
  conn: EngineConnection,
  compiler: PreparedProject['rendered']['compiler'],
  ymlColumns: ReadonlyMap<string, ReadonlyMap<string, { file: string; line: number }>>,
  contractTypes: ContractTypeMatching | undefined,
  flavor: 'plan' | 'dbt',
): Promise<{ problems: Diagnostic[]; retry: boolean }> {
  let sql: string | undefined;
  let columns: readonly ColumnSchema[];
  let queried = false;
  try {
    // run_query() and adapter calls see the empty tables built so far.
    sql = await compiler.withQueries(
      (introspection) => {
        const compiled = compiler.compileModel(node, { introspection });
        queried = introspection.asked > 0;
        return compiled;
      },
      (q) => conn.query(q),
      node.originalFilePath,
    );
    if (node.config.materialized === 'ephemeral') return { problems: [], retry: false };
    columns = await conn.describeQuery(sql);
  } catch (error) {
    const retry = error instanceof EngineError && error.kind === 'Catalog';
    const problem = asDiagnostic(error, node.originalFilePath, node.rawCode, sql, node.uniqueId);
    if (queried && !retry) return { problems: [dataDependent(node, problem)], retry };
    return { problems: [problem], retry };
  }
  await createEmpty(conn, node.relation, columns);
  const problems: Diagnostic[] = [];
  if (node.config.contract.enforced) {
    // The contract's diff table already lists every declared column the SQL does not produce.
    const diffs = compareContract(Object.values(node.columns), columns, contractTypes);
    if (diffs.length > 0) {
      problems.push(errorDiagnostic('check.contract', formatContractDiff(node.name, node.originalFilePath, diffs, node.patchPath, node.propertyLines), { file: node.patchPath ?? node.originalFilePath, line: node.propertyLines?.entry, node: node.uniqueId }));
    }
    return { problems, retry: false };
  }
  const produced = new Set(columns.map((c) => c.name.toLowerCase()));
  // dbt itself never checks documented columns of a model without a contract: in a dbt project
  // (dbt_project.yml) this is a warning, so `plan check` does not fail what `dbt build` accepts.
  const report = flavor === 'dbt' ? warningDiagnostic : errorDiagnostic;
  for (const [name, where] of ymlColumns.get(node.name) ?? []) {
    if (!produced.has(name.toLowerCase())) {
      problems.push(
        report('check.unknown_column', `${where.file} describes column '${name}' of model '${node.name}', which the model does not produce`, {
          file: where.file,
          line: where.line,
          node: node.uniqueId,
          hint: `the model's columns are: ${columns.map((c) => c.name).join(', ')}`,
        }),
      );
    }
  }
  return { problems, retry: false };
}

/** A snapshot's table: its query's columns plus dbt's meta columns (times typed like updated_at). */
async function bindSnapshot(node: SnapshotNode, conn: EngineConnection, compiler: PreparedProject['rendered']['compiler']): Promise<{ problems: Diagnostic[]; retry: boolean }> {
  let sql: string | undefined;
  try {
    sql = await compiler.withQueries((introspection) => compiler.compileSnapshot(node, { introspection }), (q) => conn.query(q), node.originalFilePath);
    const columns = await conn.describeQuery(sql);
    const updatedAt = node.config.strategy === 'timestamp' ? columns.find((c) => c.name.toLowerCase() === String(node.config.updated_at).toLowerCase()) : undefined;
    const time = updatedAt?.type ?? 'TIMESTAMP';
    const meta = ['dbt_scd_id VARCHAR', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to'].map((c) => (c.includes(' ') ? c.split(' ') : [c, time]));
    await createEmpty(conn, node.relation, [...columns, ...meta.map(([name, type]) => ({ name, type }))]);
    return { problems: [], retry: false };
  } catch (error) {
    const retry = error instanceof EngineError && error.kind === 'Catalog';
    return { problems: [asDiagnostic(error, node.originalFilePath, node.rawCode, sql, node.uniqueId)], retry };
  }
}

/** SQL built from query results (run_query...) cannot be judged on empty tables: a warning, not an error. */
function dataDependent(node: ModelNode, problem: Diagnostic): Diagnostic {
  return warningDiagnostic('check.data_dependent', `model '${node.name}' builds its SQL from query results (run_query, statement or adapter calls), which plan check runs against empty tables; that SQL did not bind: ${problem.message}`, {
    file: problem.file,
    line: problem.line,
    node: node.uniqueId,
    hint: 'it and the models that read it are not checked; plan build checks them against the data',
  });
}

async function createEmpty(conn: EngineConnection, relation: Relation, columns: readonly ColumnSchema[]): Promise<void> {
  await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(relation.database)}.${quoteIdent(relation.schema)}`);
  const cols = columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  await conn.run(`CREATE OR REPLACE TABLE ${relationSql(relation)} (${cols})`);
}

function asDiagnostic(error: unknown, file: string, rawCode: string, compiledSql: string | undefined, node: string, fallbackLine?: number): Diagnostic {
  const outcome = errorOutcome(error, { file, rawCode, compiledSql });
  const excerpt = outcome.detail ? ` (${outcome.detail.trim()})` : '';
  return errorDiagnostic('check.sql', `${outcome.message}${excerpt}`, { file: outcome.file ?? file, line: outcome.line ?? fallbackLine, node, hint: outcome.hint });
}

/** DAG order when the graph is acyclic; else manifest order (the cycle is reported already). */
function orderOf(prepared: Omit<PreparedProject, 'warnings'>): string[] {
  try {
    return prepared.dag.topologicalOrder();
  } catch {
    return [...prepared.rendered.manifest.nodes.keys()];
  }
}

function ymlColumnLocations(prepared: Omit<PreparedProject, 'warnings'>): Map<string, Map<string, { file: string; line: number }>> {
  const out = new Map<string, Map<string, { file: string; line: number }>>();
  for (const file of prepared.project.propertyFiles) {
    for (const model of file.models) {
      const cols = new Map<string, { file: string; line: number }>();
      for (const c of model.columns) cols.set(c.name, { file: c.location.file, line: c.location.line });
      out.set(model.name, cols);
    }
  }
  return out;
}
