// Jinja difference: Python slices, `s[1:]`, `items[:3]`, `xs[::-1]`; nunjucks only has `x[i]`.
import { lexer, nodes } from '../nunjucks-internals.js';
import type { AstNode, CompileFrame, Token } from '../nunjucks-internals.js';
import type { CompilerLike, ParserLike } from './compiler-like.js';

export const SliceNode = nodes.Node!.extend('JinjaSlice', { fields: ['target', 'start', 'stop', 'step'] });

/** After `node`, at `[`: an index (a plain LookupVal, as nunjucks makes it) or a slice. */
export function parseIndexOrSlice(parser: ParserLike, node: AstNode): AstNode {
  const open = parser.nextToken() as Token;
  const at = (type: string): boolean => parser.peekToken().type === type;
  const start = at(lexer.TOKEN_COLON) ? null : parser.parseExpression();
  if (!parser.skip(lexer.TOKEN_COLON)) {
    parser.expect(lexer.TOKEN_RIGHT_BRACKET);
    return new nodes.LookupVal!(open.lineno, open.colno, node, start);
  }
  const stop = at(lexer.TOKEN_COLON) || at(lexer.TOKEN_RIGHT_BRACKET) ? null : parser.parseExpression();
  const step = parser.skip(lexer.TOKEN_COLON) && !at(lexer.TOKEN_RIGHT_BRACKET) ? parser.parseExpression() : null;
  parser.expect(lexer.TOKEN_RIGHT_BRACKET);
  return new SliceNode(open.lineno, open.colno, node, start, stop, step);
}

export const sliceMethods = {
  compileJinjaSlice(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emit('env.jinja.slice(');
    this.compile(node.target, frame);
    for (const part of [node.start, node.stop, node.step]) {
      this._emit(', ');
      if (part) this.compile(part as AstNode, frame);
      else this._emit('null');
    }
    this._emit(')');
  },
};
