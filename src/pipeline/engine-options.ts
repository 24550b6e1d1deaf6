import type { TargetConfig } from '../config/index.js';
import type { EngineOptions } from '../engine/types.js';

/** How to open the profile's database: its path, settings, extensions and attached databases. */
export function engineOptionsOf(target: TargetConfig, threads: number, projectDir: string): EngineOptions {
  return {
    path: target.path,
    threads,
    settings: target.settings,
    extensions: target.extensions,
    attach: target.attach,
    fileSearchPath: projectDir,
    rowGroupSize: target.rowGroupSize,
  };
}
