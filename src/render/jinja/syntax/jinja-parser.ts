// nunjucks' parser plus the Jinja/dbt statements it lacks (`do`, `test`) and Jinja's `set`.
import { ParserBase, lexer, nodes } from '../nunjucks-internals.js';
import type { AstNode } from '../nunjucks-internals.js';
import { parseDo } from './do-statement.js';
import { parseSet } from './set-statement.js';
import { parseTestBlock } from './test-block.js';
import { parseMaterializationBlock } from './materialization-block.js';
import { parseIndexOrSlice } from './slices.js';
import type { ParserLike } from './compiler-like.js';

type StatementParser = (parser: ParserLike) => AstNode;

const STATEMENTS: Readonly<Record<string, StatementParser>> = {
  do: parseDo,
  set: parseSet,
  test: parseTestBlock,
  materialization: parseMaterializationBlock,
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

  /**
   * nunjucks' argument list, which also takes a trailing comma (`config(a=1, b=2,)`), as Jinja and
   * Python do: dbt packages write them (dbt_date's get_base_dates).
   */
  parseSignature(tolerant?: boolean, noParens?: boolean): AstNode | null {
    let tok = this.peekToken();
    if (!noParens && tok.type !== lexer.TOKEN_LEFT_PAREN) {
      if (tolerant) return null;
      this.fail('expected arguments', tok.lineno, tok.colno);
    }
    if (tok.type === lexer.TOKEN_LEFT_PAREN) tok = this.nextToken();
    const args = new nodes.NodeList!(tok.lineno, tok.colno);
    const kwargs = new nodes.KeywordArgs!(tok.lineno, tok.colno);
    const atEnd = (next: { type: string }): boolean => (noParens ? next.type === lexer.TOKEN_BLOCK_END : next.type === lexer.TOKEN_RIGHT_PAREN);
    for (let first = true; ; first = false) {
      tok = this.peekToken();
      if (atEnd(tok)) break;
      if (!first) {
        if (!this.skip(lexer.TOKEN_COMMA)) this.fail('parseSignature: expected comma after expression', tok.lineno, tok.colno);
        if (atEnd(this.peekToken())) break;
      }
      const arg = this.parseExpression();
      if (this.skipValue(lexer.TOKEN_OPERATOR, '=')) kwargs.addChild(new nodes.Pair!(arg.lineno, arg.colno, arg, this.parseExpression()));
      else args.addChild(arg);
    }
    if (!noParens) this.nextToken();
    if (kwargs.children.length) args.addChild(kwargs);
    return args;
  }

  /** nunjucks' list / dict / parenthesised group, with Jinja's trailing comma (`[1, 2,]`, `(x,)` is a tuple). */
  parseAggregate(): AstNode | null {
    const tok = this.nextToken();
    let node: AstNode;
    if (tok.type === lexer.TOKEN_LEFT_PAREN) node = new nodes.Group!(tok.lineno, tok.colno);
    else if (tok.type === lexer.TOKEN_LEFT_BRACKET) node = new nodes.Array!(tok.lineno, tok.colno);
    else if (tok.type === lexer.TOKEN_LEFT_CURLY) node = new nodes.Dict!(tok.lineno, tok.colno);
    else return null;
    const closing = [lexer.TOKEN_RIGHT_PAREN, lexer.TOKEN_RIGHT_BRACKET, lexer.TOKEN_RIGHT_CURLY];
    let trailingComma = false;
    for (;;) {
      if (closing.includes(this.peekToken().type)) {
        this.nextToken();
        break;
      }
      if (node.children.length > 0) {
        if (!this.skip(lexer.TOKEN_COMMA)) this.fail('parseAggregate: expected comma after expression', tok.lineno, tok.colno);
        trailingComma = closing.includes(this.peekToken().type);
        if (trailingComma) continue;
      }
      if (node.typename === 'Dict') {
        const key = this.parsePrimary();
        if (!this.skip(lexer.TOKEN_COLON)) this.fail('parseAggregate: expected colon after dict key', tok.lineno, tok.colno);
        node.addChild(new nodes.Pair!(key.lineno, key.colno, key, this.parseExpression()));
      } else {
        node.addChild(this.parseExpression());
      }
    }
    if (node.typename === 'Group' && trailingComma) node.isTuple = true;
    return node;
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
