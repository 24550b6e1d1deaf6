import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors/plan-error.js';

/** An earlier run, read from the folder given with `--state`, for `state:` and `result:` selection. */
export interface PreviousState {
  readonly dir: string;
  /** manifest.json's nodes and sources by unique_id; undefined when the folder has none. */
  readonly nodes?: ReadonlyMap<string, Record<string, unknown>>;
  /** run_results.json's status by unique_id (success, error, skipped, pass, fail, warn...); undefined without the file. */
  readonly results?: ReadonlyMap<string, string>;
}

/** `<dir>/manifest.json` and `<dir>/run_results.json`; at least one must be there. Throws ConfigError (exit 2). */
export function loadPreviousState(dir: string): PreviousState {
  const manifest = readJson(dir, 'manifest.json') as { nodes?: Record<string, Record<string, unknown>>; sources?: Record<string, Record<string, unknown>> } | undefined;
  const runResults = readJson(dir, 'run_results.json') as { results?: { unique_id?: unknown; status?: unknown }[] } | undefined;
  if (!manifest && !runResults) {
    throw new ConfigError('cli.state', `--state ${dir}: no manifest.json there`, { hint: 'point --state at the target/ folder (or a copy) of the run to compare with' });
  }
  return {
    dir,
    ...(manifest ? { nodes: new Map(Object.entries({ ...(manifest.nodes ?? {}), ...(manifest.sources ?? {}) })) } : {}),
    ...(runResults ? { results: new Map((runResults.results ?? []).flatMap((r) => (typeof r.unique_id === 'string' && typeof r.status === 'string' ? [[r.unique_id, r.status]] : []))) } : {}),
  };
}

function readJson(dir: string, name: string): unknown {
  const file = path.join(dir, name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('cli.state', `--state ${dir}: ${name} is not valid JSON (${error instanceof Error ? error.message : String(error)})`, { file });
  }
}
