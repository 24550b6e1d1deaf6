// nunjucks' parser plus the Jinja/dbt statements it lacks (`do`, `test`) and Jinja's `set`.
import { ParserBase, lexer } from '../nunjucks-internals.js';
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
  /** nunjucks' postfix loop, with `[...]` also taking Python slices. */
  parsePostfix(node: AstNode): AstNode {
    let current = node;
    for (let tok = this.peekToken(); tok; tok = this.peekToken()) {
      if (tok.type === lexer.TOKEN_LEFT_BRACKET) current = parseIndexOrSlice(this as unknown as ParserLike, current);
      else {
        const next = super.parsePostfix(current) as AstNode;
        if (next === current) break;
        current = next;
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
