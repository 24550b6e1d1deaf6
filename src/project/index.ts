export type * from './types.js';
export { loadProject, type LoadProjectOptions } from './load-project.js';
export { parsePropertyFile, readPropertyDocument } from './property-file.js';
export { normalizeTests } from './test-declaration.js';
export { parseDocBlocks } from './doc-blocks.js';
export { listFiles } from './walk-files.js';
export { readSourceFile, sha256 } from './source-file.js';
