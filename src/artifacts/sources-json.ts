import type { FreshnessResult } from '../freshness/source-freshness.js';
import { metadataJson, type ArtifactMetadata } from './manifest-json.js';

/** target/sources.json in dbt's shape. */
export function sourcesJson(results: readonly FreshnessResult[], elapsedSeconds: number, meta: ArtifactMetadata): Record<string, unknown> {
  return {
    metadata: metadataJson(meta, 'sources/v3'),
    results: results.map((r) => ({
      unique_id: r.uniqueId,
      status: r.status,
      max_loaded_at: r.maxLoadedAt,
      snapshotted_at: r.snapshottedAt,
      max_loaded_at_time_ago_in_s: r.ageSeconds,
      criteria: r.criteria,
      ...(r.status === 'runtime error' ? { error: r.message } : {}),
    })),
    elapsed_time: Number(elapsedSeconds.toFixed(4)),
  };
}
