// dbt difference: `{% test name(model, column_name) %}...{% endtest %}` defines a generic test,
// which is a macro named `test_<name>`.
import { nodes } from '../nunjucks-internals.js';
import type { AstNode } from '../nunjucks-internals.js';
import type { ParserLike } from './compiler-like.js';

export function parseTestBlock(parser: ParserLike): AstNode {
  const tok = parser.nextToken();
  const name = parser.parsePrimary(true);
  if (name.typename !== 'Symbol') parser.fail('expected a test name after `test`', name.lineno, name.colno);
  const macroName = new nodes.Symbol!(name.lineno, name.colno, `test_${name.value as string}`);
  const args = parser.parseSignature();
  const node = new nodes.Macro!(tok.lineno, tok.colno, macroName, args);
  node.jinjaKind = 'test';
  parser.advanceAfterBlockEnd(tok.value);
  node.body = parser.parseUntilBlocks('endtest');
  parser.advanceAfterBlockEnd();
  return node;
}
