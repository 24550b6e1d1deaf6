// nunjucks' parser plus the Jinja/dbt statements it lacks (`do`, `test`) and Jinja's `set`.
import { ParserBase, lexer } from '../nunjucks-internals.js';
import type { AstNode } from '../nunjucks-internals.js';
import { parseDo } from './do-statement.js';
import { parseSet } from './set-statement.js';
import { parseTestBlock } from './test-block.js';
import type { ParserLike } from './compiler-like.js';

type StatementParser = (parser: ParserLike) => AstNode;

const STATEMENTS: Readonly<Record<string, StatementParser>> = {
  do: parseDo,
  set: parseSet,
  test: parseTestBlock,
};

export class JinjaParser extends ParserBase {
  parseStatement(): AstNode | null {
    const tok = this.peekToken();
    const custom = tok && tok.type === lexer.TOKEN_SYMBOL ? STATEMENTS[tok.value as string] : undefined;
    if (custom && !(this.breakOnBlocks && this.breakOnBlocks.includes(tok.value))) {
      return custom(this as unknown as ParserLike);
    }
    return super.parseStatement();
  }
}
