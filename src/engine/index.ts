export type * from './types.js';
export { openEngine } from './open-engine.js';
export { startDatabaseInstance } from './open-database.js';
export { EngineError, parseDuckDBMessage, toEngineError } from './engine-error.js';
export type { EngineErrorDetails, EngineErrorKind } from './engine-error.js';
export { parenthesize, quoteLiteral, stripTrailingSemicolons } from './sql-text.js';
