/** Where the time of one rebuild went, in ms (read by the watch benchmark). */
export interface RebuildTimings {
  /** First file event of the batch -> the runner starts the first node. */
  readonly eventToExec: number;
  /** Total minus DuckDB's work (node execution and previews) minus the debounce wait. */
  readonly overhead: number;
  /** First event -> the rebuild starts: the debounce, plus any rebuild it queued behind. */
  readonly debounce: number;
  /** Re-read + render + graph + diff: the sum of the next three. */
  readonly prepare: number;
  readonly read: number;
  /** prepareProject: render every node and build the graph. */
  readonly render: number;
  /** Selection, manifest diff, rebuild set. */
  readonly diff: number;
  /** The runner's wall time plus preview queries: DuckDB's part. */
  readonly execution: number;
  readonly total: number;
}

export interface RebuildClock {
  readonly firstEventAt: number;
  readonly startedAt: number;
  readonly readAt: number;
  readonly renderedAt: number;
  readonly preparedAt: number;
  readonly execStartedAt: number;
  readonly execSeconds: number;
  readonly previewMs: number;
  readonly finishedAt: number;
}

export function rebuildTimings(c: RebuildClock): RebuildTimings {
  const total = c.finishedAt - c.firstEventAt;
  const debounce = Math.max(0, c.startedAt - c.firstEventAt);
  const execution = c.execSeconds * 1000 + c.previewMs;
  return {
    eventToExec: c.execStartedAt - c.firstEventAt,
    overhead: Math.max(0, total - debounce - execution),
    debounce,
    prepare: c.preparedAt - c.startedAt,
    read: c.readAt - c.startedAt,
    render: c.renderedAt - c.readAt,
    diff: c.preparedAt - c.renderedAt,
    execution,
    total,
  };
}
