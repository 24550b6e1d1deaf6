import type { EngineConnection } from '../engine/types.js';
import { relationSql, type SourceNode } from '../manifest/types.js';

/** One freshness threshold as dbt writes it: `warn_after: {count: 12, period: hour}`. */
export interface FreshnessThreshold {
  readonly count: number;
  readonly period: 'minute' | 'hour' | 'day';
}

export interface FreshnessCriteria {
  readonly warn_after?: FreshnessThreshold;
  readonly error_after?: FreshnessThreshold;
  readonly filter?: string;
}

export interface FreshnessResult {
  readonly uniqueId: string;
  readonly status: 'pass' | 'warn' | 'error' | 'runtime error';
  readonly maxLoadedAt: string | null;
  readonly snapshottedAt: string | null;
  readonly ageSeconds: number | null;
  readonly criteria: FreshnessCriteria;
  readonly message: string;
}

const SECONDS: Readonly<Record<FreshnessThreshold['period'], number>> = { minute: 60, hour: 3600, day: 86400 };

/** The source's freshness config when it can be checked here: criteria with a threshold and a loaded_at_field. */
export function freshnessOf(node: SourceNode): { criteria: FreshnessCriteria; loadedAtField: string } | undefined {
  const raw = node.config.freshness as Record<string, unknown> | null | undefined;
  const field = node.config.loaded_at_field;
  if (!raw || typeof field !== 'string') return undefined;
  const threshold = (value: unknown): FreshnessThreshold | undefined => {
    if (!value || typeof value !== 'object') return undefined;
    const { count, period } = value as Record<string, unknown>;
    return typeof count === 'number' && (period === 'minute' || period === 'hour' || period === 'day') ? { count, period } : undefined;
  };
  const warn = threshold(raw.warn_after);
  const error = threshold(raw.error_after);
  if (!warn && !error) return undefined;
  return { criteria: { ...(warn ? { warn_after: warn } : {}), ...(error ? { error_after: error } : {}), ...(typeof raw.filter === 'string' ? { filter: raw.filter } : {}) }, loadedAtField: field };
}

/** dbt source freshness for one table: the age of max(loaded_at_field) against the thresholds. */
export async function checkFreshness(conn: EngineConnection, node: SourceNode, criteria: FreshnessCriteria, loadedAtField: string): Promise<FreshnessResult> {
  const where = criteria.filter ? ` WHERE ${criteria.filter}` : '';
  const base = { uniqueId: node.uniqueId, criteria };
  let row: Record<string, unknown> | undefined;
  try {
    const result = await conn.query(
      `SELECT CAST(max(${loadedAtField}) AS TIMESTAMP) AS max_loaded_at, CAST(now() AS TIMESTAMP) AS snapshotted_at, ` +
        `date_diff('second', CAST(max(${loadedAtField}) AS TIMESTAMP), CAST(now() AS TIMESTAMP)) AS age FROM ${relationSql(node.relation)}${where}`,
    );
    row = result.rows[0];
  } catch (error) {
    return { ...base, status: 'runtime error', maxLoadedAt: null, snapshottedAt: null, ageSeconds: null, message: error instanceof Error ? error.message : String(error) };
  }
  const age = row?.age === null || row?.age === undefined ? null : Number(row.age);
  const maxLoadedAt = row?.max_loaded_at === null || row?.max_loaded_at === undefined ? null : String(row.max_loaded_at);
  const snapshottedAt = row?.snapshotted_at === undefined ? null : String(row.snapshotted_at);
  const over = (t: FreshnessThreshold | undefined): boolean => t !== undefined && (age === null || age > t.count * SECONDS[t.period]);
  const status = over(criteria.error_after) ? 'error' : over(criteria.warn_after) ? 'warn' : 'pass';
  const message = age === null ? `no rows${criteria.filter ? ' match the filter' : ''}: nothing was loaded` : `last loaded ${formatAge(age)} ago (${maxLoadedAt})`;
  return { ...base, status, maxLoadedAt, snapshottedAt, ageSeconds: age, message };
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}
