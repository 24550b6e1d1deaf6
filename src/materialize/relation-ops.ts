import { EngineError } from '../engine/engine-error.js';
import type { EngineConnection, RelationKind } from '../engine/types.js';
import { quoteIdent, relationSql } from '../manifest/types.js';
import type { Relation } from '../manifest/types.js';

export const TMP_SUFFIX = '__plan_tmp';

export function tmpRelation(relation: Relation): Relation {
  return { ...relation, identifier: `${relation.identifier}${TMP_SUFFIX}` };
}

/** Schemas each connection has already ensured (a pooled connection lives as long as its engine). */
const ensuredSchemas = new WeakMap<EngineConnection, Set<string>>();

/**
 * CREATE SCHEMA IF NOT EXISTS, outside any transaction: two nodes creating the same schema in
 * parallel transactions would conflict. A conflict with a concurrent creator is retried once.
 * Sent once per schema per connection, not once per model (a catalog write per model costs
 * about as much as creating a view).
 */
export async function ensureSchema(conn: EngineConnection, relation: Pick<Relation, 'database' | 'schema'>): Promise<void> {
  const sql = `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(relation.database)}.${quoteIdent(relation.schema)}`;
  let ensured = ensuredSchemas.get(conn);
  if (ensured?.has(sql)) return;
  await retryOnConflict(() => conn.run(sql));
  if (!ensured) ensuredSchemas.set(conn, (ensured = new Set()));
  ensured.add(sql);
}

/** Retry a short autocommit write that lost a write-write conflict to a parallel connection. */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !(error instanceof EngineError) || !/conflict/i.test(error.dbMessage)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * i));
    }
  }
}

export function dropSql(relation: Relation, kind: RelationKind): string {
  return `DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${relationSql(relation)}`;
}

/** Drop whatever (table or view) exists under that name. */
export async function dropAnyRelation(conn: EngineConnection, relation: Relation): Promise<void> {
  const kind = await conn.relationKind(relation.database, relation.schema, relation.identifier);
  if (kind) await conn.run(dropSql(relation, kind));
}

export async function countRows(conn: EngineConnection, fromSql: string): Promise<number> {
  const { rows } = await conn.query(`SELECT count(*) AS n FROM ${fromSql}`);
  return Number(rows[0].n);
}

/** Distinct partition tuples in a relation, as plain objects (JSON-safe values). */
export async function distinctPartitions(conn: EngineConnection, fromSql: string, partitionBy: readonly string[]): Promise<Record<string, unknown>[]> {
  const cols = partitionBy.map(quoteIdent).join(', ');
  const { rows } = await conn.query(`SELECT DISTINCT ${cols} FROM ${fromSql} ORDER BY ${cols}`);
  return rows.map((row) => ({ ...row }));
}

/** The column name at the start of a DDL fragment: '"id" INTEGER NOT NULL' -> 'id'. */
export function ddlColumnName(ddl: string): string {
  const text = ddl.trim();
  if (text.startsWith('"')) {
    let name = '';
    for (let i = 1; i < text.length; i++) {
      if (text[i] === '"') {
        if (text[i + 1] === '"') {
          name += '"';
          i++;
        } else return name;
      } else name += text[i];
    }
    return name;
  }
  return text.split(/\s+/)[0];
}
