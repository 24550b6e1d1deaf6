// Jinja differences in `{% set %}`: a set inside a loop or macro stays local to it (nunjucks writes
// through to the outer variable); `{% set ns.x = v %}` assigns a namespace attribute;
// `{% set a, b = 1, 2 %}` unpacks.
import { lexer, nodes } from '../nunjucks-internals.js';
import type { AstNode, CompileFrame } from '../nunjucks-internals.js';
import type { CompilerLike, ParserLike } from './compiler-like.js';

export function parseSet(parser: ParserLike): AstNode {
  const tag = parser.nextToken();
  const node = new nodes.Set!(tag.lineno, tag.colno, []);
  do {
    const target = parser.parsePrimary();
    const isAttribute = target.typename === 'LookupVal' && target.val.typename === 'Literal';
    if (target.typename !== 'Symbol' && !isAttribute) {
      parser.fail('set: can only assign to a name or to name.attribute', target.lineno, target.colno);
    }
    node.targets.push(target);
  } while (parser.skip(lexer.TOKEN_COMMA));
  if (node.targets.length > 1 && node.targets.some((t: AstNode) => t.typename !== 'Symbol')) {
    parser.fail('set: cannot unpack into an attribute', tag.lineno, tag.colno);
  }
  if (parser.skipValue(lexer.TOKEN_OPERATOR, '=')) {
    node.value = parseTupleOrExpression(parser);
    parser.advanceAfterBlockEnd(tag.value);
    return node;
  }
  const end = parser.peekToken();
  if (!end || end.type !== lexer.TOKEN_BLOCK_END) {
    parser.fail('set: expected = or the end of the tag', tag.lineno, tag.colno);
  }
  parser.nextToken();
  if (end.value.charAt(0) === '-') parser.dropLeadingWhitespace = true;
  node.body = new nodes.Capture!(tag.lineno, tag.colno, parser.parseUntilBlocks('endset'));
  node.value = null;
  parser.advanceAfterBlockEnd();
  return node;
}

/** `1, 2` without parentheses is a tuple in Jinja. */
function parseTupleOrExpression(parser: ParserLike): AstNode {
  const first = parser.parseExpression();
  if (parser.peekToken()?.type !== lexer.TOKEN_COMMA) return first;
  const tuple = new nodes.Group!(first.lineno, first.colno, [first]);
  while (parser.skip(lexer.TOKEN_COMMA)) {
    if (parser.peekToken()?.type === lexer.TOKEN_BLOCK_END) break;
    tuple.addChild(parser.parseExpression());
  }
  tuple.isTuple = true;
  return tuple;
}

export const setStatementMethods = {
  compileSet(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emitPosition(node);
    const targets = node.targets as AstNode[];
    const value = this._tmpid();
    this._emit(`var ${value} = `);
    if (node.value) this._compileExpression(node.value, frame);
    else this.compile(node.body, frame);
    this._emitLine(';');

    if (targets[0]!.typename === 'LookupVal') {
      this._emit('env.jinja.setAttribute(');
      this._compileExpression(targets[0]!.target, frame);
      this._emit(', ');
      this._compileExpression(targets[0]!.val, frame);
      this._emitLine(`, ${value});`);
      return;
    }
    targets.forEach((target, i) => {
      const name = target.value as string;
      const quoted = JSON.stringify(name);
      // Reuse a JS variable only when it belongs to this very scope; an outer one is shadowed.
      let id = frame.variables[name];
      if (id === undefined) {
        id = this._tmpid();
        this._emitLine(`var ${id};`);
        if (frame.lookup(name) !== undefined) frame.set(name, id);
      }
      const item = targets.length > 1 ? `env.jinja.unpack(${value}, ${targets.length}, ${i})` : value;
      this._emitLine(`${id} = ${item};`);
      this._emitLine(`frame.set(${quoted}, ${id});`);
      this._emitLine(`if(frame.topLevel) { context.setVariable(${quoted}, ${id});`);
      if (!name.startsWith('_')) this._emitLine(`context.addExport(${quoted}, ${id});`);
      this._emitLine('}');
    });
  },
};
