import { parenthesize } from '../engine/sql-text.js';
import type { EngineConnection } from '../engine/types.js';
import { quoteIdent } from '../manifest/types.js';
import { buildTable } from './build-table.js';
import { createTableAs, runModelStatement, withModelLine } from './model-sql.js';
import { ddlColumnName } from './relation-ops.js';
import type { MaterializeRequest, MaterializeResult } from './types.js';

/** Statement(s) that create `tmpSql` from the model SQL, honouring an enforced contract's DDL; returns the rows written. */
export async function fillFromModel(req: MaterializeRequest, conn: EngineConnection, tmpSql: string): Promise<number | undefined> {
  const body = parenthesize(req.compiledSql);
  if (!req.columnDdl?.length) return createTableAs(conn, `CREATE TABLE ${tmpSql} AS ${body}`, req.compiledSql);
  const definitions = [...req.columnDdl, ...(req.tableConstraints ?? [])];
  await conn.run(`CREATE TABLE ${tmpSql} (\n  ${definitions.join(',\n  ')}\n)`);
  const columns = req.columnDdl.map((ddl) => quoteIdent(ddlColumnName(ddl))).join(', ');
  const { rowsChanged } = await runModelStatement(conn, `INSERT INTO ${tmpSql} (${columns}) SELECT ${columns} FROM ${body} AS model_sql`, req.compiledSql);
  return rowsChanged;
}

/** Check the new SQL's columns (contract) before anything existing is touched. */
export async function checkNewColumns(req: MaterializeRequest): Promise<void> {
  if (!req.checkColumns) return;
  const columns = await req.conn.describeQuery(req.compiledSql).catch((error: unknown) => {
    throw withModelLine(error, req.compiledSql);
  });
  await req.checkColumns(columns);
}

export async function materializeTable(req: MaterializeRequest): Promise<MaterializeResult> {
  await checkNewColumns(req);
  const result = await buildTable(req.conn, {
    relation: req.node.relation,
    fill: (conn, tmpSql) => fillFromModel(req, conn, tmpSql),
    preHooks: req.preHooks,
    postHooks: req.postHooks,
    partitionBy: req.node.config.partition_by,
    recordPartitions: req.recordPartitions,
  });
  return {
    rowsAffected: result.rows,
    message: `CREATE TABLE (${result.rows} row${result.rows === 1 ? '' : 's'})`,
    ...(result.builtPartitions ? { builtPartitions: result.builtPartitions } : {}),
  };
}
