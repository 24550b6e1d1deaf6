export { createJinjaEnvironment } from './environment.js';
export type { CompiledTemplate, JinjaEnvironment, JinjaEnvironmentOptions, MacroDefinition } from './environment.js';
export { splitArgs } from './split-args.js';
export { parseDocBlocks } from './doc-blocks.js';
