// Jinja difference: `{% do expr %}` (jinja2.ext.do, always on in dbt) evaluates an expression for its
// side effect, e.g. `{% do cols.append(c) %}`; nunjucks has no such tag.
import { nodes } from '../nunjucks-internals.js';
import type { AstNode, CompileFrame } from '../nunjucks-internals.js';
import type { CompilerLike, ParserLike } from './compiler-like.js';

export const DoNode = nodes.Node!.extend('JinjaDo', { fields: ['expr'] });

export function parseDo(parser: ParserLike): AstNode {
  const tok = parser.nextToken();
  const expr = parser.parseExpression();
  parser.advanceAfterBlockEnd(tok.value);
  return new DoNode(tok.lineno, tok.colno, expr);
}

export const doStatementMethods = {
  compileJinjaDo(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emitPosition(node);
    this._compileExpression(node.expr, frame);
    this._emitLine(';');
  },
};
