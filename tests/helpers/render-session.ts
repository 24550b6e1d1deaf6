import type { TargetConfig } from '../../src/config/types.js';
import type { IntrospectionState } from '../../src/render/introspection.js';
import { RenderSession } from '../../src/render/render-session.js';
import { newFrame, type RenderFrame } from '../../src/render/render-state.js';

/** A profile target for render tests: DuckDB in memory, catalog 'memory', schema 'main'. */
export const MEMORY_TARGET: TargetConfig = {
  profileName: 'p',
  targetName: 'dev',
  profilesFile: '/profiles.yml',
  type: 'duckdb',
  path: ':memory:',
  database: 'memory',
  schema: 'main',
  threads: 1,
  settings: {},
  extensions: [],
  attach: [],
};

export function renderSession(log?: (message: string) => void): RenderSession {
  return new RenderSession({ projectName: 'p', target: MEMORY_TARGET, vars: {}, ...(log ? { log } : {}) });
}

/** The frame of model models/m.sql rendered as `text`, in `mode`. */
export function modelFrame(text: string, mode: 'parse' | 'compile' = 'compile', introspection?: IntrospectionState): RenderFrame {
  return newFrame({ mode, file: 'models/m.sql', nodeName: 'm', resourceType: 'model', rawCode: text, isIncremental: false, introspection });
}
