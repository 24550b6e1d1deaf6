// dbt difference: `{% materialization name, adapter='duckdb' %}...{% endmaterialization %}` defines a
// custom materialization, a macro named `materialization_<name>_<adapter>` (`default` without an
// adapter). plan parses and registers it so a project that ships one still loads; a node using it
// is reported as unsupported when it runs (src/materialize/registry.ts).
import { lexer, nodes } from '../nunjucks-internals.js';
import type { AstNode } from '../nunjucks-internals.js';
import type { ParserLike } from './compiler-like.js';

export function parseMaterializationBlock(parser: ParserLike): AstNode {
  const tok = parser.nextToken();
  const name = parser.parsePrimary(true);
  if (name.typename !== 'Symbol') parser.fail('expected a materialization name after `materialization`', name.lineno, name.colno);
  let adapter = 'default';
  // `, default` or `, adapter='duckdb'` (or `adapter=['duckdb', 'postgres']`: the first is kept).
  while (parser.skip(lexer.TOKEN_COMMA)) {
    const key = parser.parsePrimary(true);
    if (key.typename === 'Symbol' && key.value === 'adapter' && parser.skipValue(lexer.TOKEN_OPERATOR, '=')) {
      const value = parser.parseExpression();
      const first = value.typename === 'Array' ? value.children[0] : value;
      if (first?.typename === 'Literal') adapter = String(first.value);
    }
  }
  const macroName = new nodes.Symbol!(name.lineno, name.colno, `materialization_${name.value as string}_${adapter}`);
  const node = new nodes.Macro!(tok.lineno, tok.colno, macroName, new nodes.NodeList!(tok.lineno, tok.colno));
  node.jinjaKind = 'materialization';
  parser.advanceAfterBlockEnd(tok.value);
  node.body = parser.parseUntilBlocks('endmaterialization');
  parser.advanceAfterBlockEnd();
  return node;
}
