import type { Diagnostic } from '../errors/diagnostic.js';
import type { ManifestNode } from '../manifest/types.js';
import type { NodeResult } from '../run/types.js';

/** What the core tells the outside world; a reporter decides how (or whether) to print it. */
export type RunEvent =
  | { readonly type: 'run_start'; readonly command: string; readonly total: number; readonly threads: number }
  | { readonly type: 'node_start'; readonly index: number; readonly total: number; readonly node: ManifestNode }
  | { readonly type: 'node_finish'; readonly index: number; readonly total: number; readonly node: ManifestNode; readonly result: NodeResult }
  | { readonly type: 'run_finish'; readonly results: readonly NodeResult[]; readonly elapsedSeconds: number }
  | { readonly type: 'diagnostics'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

export interface Reporter {
  emit(event: RunEvent): void;
}

/** Keeps every event; used by tests and by watch to build its compact report. */
export class CapturingReporter implements Reporter {
  readonly events: RunEvent[] = [];
  emit(event: RunEvent): void {
    this.events.push(event);
  }
}

export const SILENT_REPORTER: Reporter = { emit: () => {} };
