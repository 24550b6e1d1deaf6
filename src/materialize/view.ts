import { EngineError } from '../engine/engine-error.js';
import { parenthesize } from '../engine/sql-text.js';
import { relationSql } from '../manifest/types.js';
import { runHooks } from './hooks.js';
import { runModelStatement } from './model-sql.js';
import { ensureSchema } from './relation-ops.js';
import { checkNewColumns } from './table.js';
import type { MaterializeRequest, MaterializeResult } from './types.js';

/**
 * CREATE OR REPLACE VIEW. Without hooks that is one autocommit statement (atomic on its own); with
 * hooks, or when a table of the same name is in the way, it runs in one transaction that drops
 * the table first.
 */
export async function materializeView(req: MaterializeRequest): Promise<MaterializeResult> {
  const { relation } = req.node;
  await ensureSchema(req.conn, relation);
  await checkNewColumns(req);
  const create = `CREATE OR REPLACE VIEW ${relationSql(relation)} AS ${parenthesize(req.compiledSql)}`;
  if (req.preHooks.length === 0 && req.postHooks.length === 0) {
    try {
      await runModelStatement(req.conn, create, req.compiledSql);
      return { rowsAffected: null, message: 'CREATE VIEW' };
    } catch (error) {
      if (!isTableInTheWay(error)) throw error;
    }
  }
  await req.conn.transaction(async (tx) => {
    await runHooks(tx, req.preHooks, 'pre-hook');
    const oldKind = await tx.relationKind(relation.database, relation.schema, relation.identifier);
    if (oldKind === 'table') await tx.run(`DROP TABLE ${relationSql(relation)}`);
    await runModelStatement(tx, create, req.compiledSql);
    await runHooks(tx, req.postHooks, 'post-hook');
  });
  return { rowsAffected: null, message: 'CREATE VIEW' };
}

/** DuckDB refuses CREATE OR REPLACE VIEW over a table: "Existing object x is of type Table, ...". */
function isTableInTheWay(error: unknown): boolean {
  return error instanceof EngineError && /Existing object .* is of type Table/.test(error.dbMessage);
}
