export { renderProject, type RenderedProject } from './render-project.js';
export { NodeCompiler, type CompileOptions } from './node-compiler.js';
export { RenderSession, type RenderOptions } from './render-session.js';
export { injectCtes, stripTrailingSemicolon } from './ephemeral-ctes.js';
export { sqlLiteral } from './relation-object.js';
