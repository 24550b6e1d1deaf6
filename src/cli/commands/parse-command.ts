import { randomUUID } from 'node:crypto';
import { targetDirOf } from '../../artifacts/artifact-paths.js';
import { manifestJson } from '../../artifacts/manifest-json.js';
import { writeJsonArtifact } from '../../artifacts/write-artifacts.js';
import { yamlSelectorsOf } from '../../pipeline/selection.js';
import { PLAN_VERSION } from '../../pipeline/version.js';
import type { ProjectOptions } from '../common-options.js';
import { writeLine, type CliIO } from '../io.js';
import { prepareForCommand } from '../prepare-for-command.js';

/**
 * plan parse (dbt parse): read and render the whole project, report its problems, and write
 * target/manifest.json. No database is opened and no compiled SQL is written.
 */
export async function parseCommand(options: ProjectOptions, io: CliIO): Promise<number> {
  const invocationId = randomUUID();
  const started = performance.now();
  const prepared = prepareForCommand(options, io, 'parse', { invocationId });
  const { manifest } = prepared.rendered;
  const selectors = yamlSelectorsOf(prepared.project)?.raw;
  writeJsonArtifact(targetDirOf(prepared.project), 'manifest.json', manifestJson(manifest, prepared.dag, { invocationId, generatedAt: new Date(), planVersion: PLAN_VERSION }, selectors));
  if (!options.quiet) {
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    writeLine(io.stdout, `Parsed ${manifest.nodes.size} nodes and ${manifest.macros.size} macros in ${seconds}s; wrote ${targetDirOf(prepared.project)}/manifest.json`);
  }
  return 0;
}
