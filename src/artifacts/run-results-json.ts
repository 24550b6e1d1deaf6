import type { NodeResult } from '../run/types.js';
import { metadataJson, type ArtifactMetadata } from './manifest-json.js';

export const RUN_RESULTS_SCHEMA_VERSION = 'https://plan.dev/schemas/run-results/v1.json';

/** target/run_results.json in dbt's shape: per node status, timing, rows affected, message. */
export function runResultsJson(results: readonly NodeResult[], elapsedSeconds: number, meta: ArtifactMetadata, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    metadata: metadataJson(meta, 'run-results/v6', RUN_RESULTS_SCHEMA_VERSION),
    results: results.map((r) => ({
      unique_id: r.uniqueId,
      status: r.status,
      timing: r.status === 'skipped' ? [] : [{ name: 'execute', started_at: r.startedAt, completed_at: r.completedAt }],
      thread_id: 'main',
      execution_time: Number(r.executionTime.toFixed(4)),
      adapter_response: r.rowsAffected === undefined || r.rowsAffected === null ? {} : { rows_affected: r.rowsAffected },
      message: r.message,
      failures: r.failures ?? null,
      file: r.file ?? null,
      line: r.line ?? null,
    })),
    elapsed_time: Number(elapsedSeconds.toFixed(4)),
    args,
  };
}
