import type { Engine, Row } from '../engine/types.js';
import { relationSql, type ModelNode } from '../manifest/types.js';

export interface ModelPreview {
  readonly name: string;
  readonly rowCount: number;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

/** Row count and the first `limit` rows of a built model (table or view). */
export async function previewModel(engine: Engine, node: ModelNode, limit: number): Promise<ModelPreview> {
  const relation = relationSql(node.relation);
  return engine.withConnection(async (conn) => {
    const count = await conn.query(`SELECT count(*) AS n FROM ${relation}`);
    const first = await conn.query(`SELECT * FROM ${relation} LIMIT ${Math.max(0, Math.floor(limit))}`);
    return { name: node.name, rowCount: Number(count.rows[0]?.n ?? 0), columns: first.columns.map((c) => c.name), rows: first.rows };
  });
}
