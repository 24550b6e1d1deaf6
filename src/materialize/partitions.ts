import { EngineError } from '../engine/engine-error.js';
import { quoteLiteral } from '../engine/sql-text.js';
import type { EngineConnection } from '../engine/types.js';
import { quoteIdent } from '../manifest/types.js';
import { retryOnConflict } from './relation-ops.js';

/** Which partitions of which partitioned model were built, when and how (see docs/partitions.md). */
export const PARTITIONS_TABLE = 'plan_partitions';

export interface PartitionEntry {
  /** unique_id of the model. */
  readonly modelId: string;
  /** Fully qualified relation name the partition lives in. */
  readonly relation: string;
  /** partition_by column -> value. */
  readonly partition: Readonly<Record<string, unknown>>;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly checksum: string;
  readonly invocationId: string;
  /** ISO timestamp; now when omitted. */
  readonly builtAt?: string;
}

export type RecordedPartition = Required<PartitionEntry>;

/** JSON with keys sorted at every level, so equal partitions give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const table = (schema: string): string => `${quoteIdent(schema)}.${quoteIdent(PARTITIONS_TABLE)}`;

/** Schemas whose partitions table each connection has already created or seen (it is never dropped by plan). */
const ensuredTables = new WeakMap<EngineConnection, Set<string>>();

function ensuredOn(conn: EngineConnection): Set<string> {
  let ensured = ensuredTables.get(conn);
  if (!ensured) ensuredTables.set(conn, (ensured = new Set()));
  return ensured;
}

/** CREATE SCHEMA / TABLE IF NOT EXISTS, once per schema per connection (two autocommit writes otherwise sent per model). */
export async function ensurePartitionsTable(conn: EngineConnection, schema: string): Promise<void> {
  const ensured = ensuredOn(conn);
  if (ensured.has(schema.toLowerCase())) return;
  await retryOnConflict(() => conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`));
  await retryOnConflict(() => conn.run(
    `CREATE TABLE IF NOT EXISTS ${table(schema)} (
  model_id VARCHAR NOT NULL,
  relation VARCHAR NOT NULL,
  "partition" VARCHAR NOT NULL,
  vars VARCHAR NOT NULL,
  checksum VARCHAR NOT NULL,
  invocation_id VARCHAR NOT NULL,
  built_at TIMESTAMP NOT NULL,
  PRIMARY KEY (model_id, "partition")
)`,
    ),
  );
  ensured.add(schema.toLowerCase());
}

/** Upsert one row per partition built, creating the registry table first if needed. */
export async function recordPartitions(conn: EngineConnection, schema: string, entries: readonly PartitionEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await ensurePartitionsTable(conn, schema);
  const insert = (): Promise<unknown> => retryOnConflict(() => upsertPartitions(conn, schema, entries));
  try {
    await insert();
  } catch (error) {
    // Dropped since this connection created it (a hook, another tool): create it again, once.
    if (!(error instanceof EngineError) || !/does not exist/i.test(error.dbMessage)) throw error;
    ensuredOn(conn).delete(schema.toLowerCase());
    await ensurePartitionsTable(conn, schema);
    await insert();
  }
}

/**
 * The upsert alone, for use inside the transaction that wrote the partitions (so the registry
 * commits, or rolls back, with the data); call ensurePartitionsTable before the transaction.
 */
export async function upsertPartitions(conn: EngineConnection, schema: string, entries: readonly PartitionEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const now = new Date().toISOString();
  const values = entries.map((e) =>
    [
      quoteLiteral(e.modelId),
      quoteLiteral(e.relation),
      quoteLiteral(canonicalJson(e.partition)),
      quoteLiteral(canonicalJson(e.vars)),
      quoteLiteral(e.checksum),
      quoteLiteral(e.invocationId),
      `${quoteLiteral((e.builtAt ?? now).replace('Z', ''))}::TIMESTAMP`,
    ].join(', '),
  );
  await conn.run(`INSERT OR REPLACE INTO ${table(schema)} VALUES\n(${values.join('),\n(')})`);
}

async function tableExists(conn: EngineConnection, schema: string): Promise<boolean> {
  if (ensuredOn(conn).has(schema.toLowerCase())) return true;
  const { rows } = await conn.query(
    `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND lower(schema_name) = lower(${quoteLiteral(schema)}) AND table_name = '${PARTITIONS_TABLE}'`,
  );
  return rows.length > 0;
}

/** Every partition recorded for a model, in partition order. */
export async function listPartitions(conn: EngineConnection, schema: string, modelId: string): Promise<readonly RecordedPartition[]> {
  if (!(await tableExists(conn, schema))) return [];
  const { rows } = await conn.query(
    `SELECT model_id, relation, "partition", vars, checksum, invocation_id, built_at FROM ${table(schema)} WHERE model_id = ${quoteLiteral(modelId)} ORDER BY "partition"`,
  );
  return rows.map((r) => ({
    modelId: String(r.model_id),
    relation: String(r.relation),
    partition: JSON.parse(String(r.partition)) as Record<string, unknown>,
    vars: JSON.parse(String(r.vars)) as Record<string, unknown>,
    checksum: String(r.checksum),
    invocationId: String(r.invocation_id),
    builtAt: String(r.built_at),
  }));
}

/** 2024 and '2024' are the same partition value (a var may arrive as either). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  return typeof a !== 'object' && typeof b !== 'object' && String(a) === String(b);
}

/** True when a recorded partition of the model matches every filter (a filter may name a subset of the columns). */
export async function findPartition(conn: EngineConnection, schema: string, modelId: string, filters: Readonly<Record<string, unknown>>): Promise<boolean> {
  const recorded = await listPartitions(conn, schema, modelId);
  return recorded.some((p) => Object.entries(filters).every(([k, v]) => k in p.partition && sameValue(p.partition[k], v)));
}
