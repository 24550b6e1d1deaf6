import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors/plan-error.js';

/** The nodes and sources of `<dir>/manifest.json` (an earlier run's), by unique_id, for `state:` selection. */
export function loadStateManifest(dir: string): ReadonlyMap<string, Record<string, unknown>> {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new ConfigError('cli.state', `--state ${dir}: no manifest.json there`, { hint: 'point --state at the target/ folder (or a copy) of the run to compare with' });
  let json: { nodes?: Record<string, Record<string, unknown>>; sources?: Record<string, Record<string, unknown>> };
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
  } catch (error) {
    throw new ConfigError('cli.state', `--state ${dir}: manifest.json is not valid JSON (${error instanceof Error ? error.message : String(error)})`, { file });
  }
  return new Map(Object.entries({ ...(json.nodes ?? {}), ...(json.sources ?? {}) }));
}
