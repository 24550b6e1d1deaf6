import { parenthesize } from '../engine/sql-text.js';
import { relationSql } from '../manifest/types.js';
import { runHooks } from './hooks.js';
import { runModelStatement } from './model-sql.js';
import { ensureSchema } from './relation-ops.js';
import { checkNewColumns } from './table.js';
import type { MaterializeRequest, MaterializeResult } from './types.js';

/** CREATE OR REPLACE VIEW, dropping a table of the same name first, in one transaction. */
export async function materializeView(req: MaterializeRequest): Promise<MaterializeResult> {
  const { relation } = req.node;
  await ensureSchema(req.conn, relation);
  await checkNewColumns(req);
  await req.conn.transaction(async (tx) => {
    await runHooks(tx, req.preHooks, 'pre-hook');
    const oldKind = await tx.relationKind(relation.database, relation.schema, relation.identifier);
    if (oldKind === 'table') await tx.run(`DROP TABLE ${relationSql(relation)}`);
    await runModelStatement(tx, `CREATE OR REPLACE VIEW ${relationSql(relation)} AS ${parenthesize(req.compiledSql)}`, req.compiledSql);
    await runHooks(tx, req.postHooks, 'post-hook');
  });
  return { rowsAffected: null, message: 'CREATE VIEW' };
}
