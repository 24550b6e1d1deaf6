// nunjucks' parser plus the Jinja/dbt statements it lacks (`do`, `test`) and Jinja's `set`.
import { ParserBase, lexer, nodes } from '../nunjucks-internals.js';
import type { AstNode } from '../nunjucks-internals.js';
import { parseDo } from './do-statement.js';
import { parseSet } from './set-statement.js';
import { parseTestBlock } from './test-block.js';
import { parseIndexOrSlice } from './slices.js';
import type { ParserLike } from './compiler-like.js';

type StatementParser = (parser: ParserLike) => AstNode;

const STATEMENTS: Readonly<Record<string, StatementParser>> = {
  do: parseDo,
  set: parseSet,
  test: parseTestBlock,
};

export class JinjaParser extends ParserBase {
  /** nunjucks' postfix loop (calls, `.name`, `[...]`), with `[...]` also taking Python slices. */
  parsePostfix(node: AstNode): AstNode {
    let current = node;
    for (let tok = this.peekToken(); tok; tok = this.peekToken()) {
      if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        current = new nodes.FunCall!(tok.lineno, tok.colno, current, this.parseSignature());
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        current = parseIndexOrSlice(this as unknown as ParserLike, current);
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const name = this.nextToken();
        if (name.type !== lexer.TOKEN_SYMBOL) this.fail(`expected name as lookup value, got ${String(name.value)}`, name.lineno, name.colno);
        current = new nodes.LookupVal!(tok.lineno, tok.colno, current, new nodes.Literal!(name.lineno, name.colno, name.value));
      } else {
        break;
      }
    }
    return current;
  }

  parseStatement(): AstNode | null {
    const tok = this.peekToken();
    const custom = tok && tok.type === lexer.TOKEN_SYMBOL ? STATEMENTS[tok.value as string] : undefined;
    if (custom && !(this.breakOnBlocks && this.breakOnBlocks.includes(tok.value))) {
      return custom(this as unknown as ParserLike);
    }
    return super.parseStatement();
  }
}
