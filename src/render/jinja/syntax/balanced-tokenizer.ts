// Jinja difference: `}}` inside an open `{`/`[`/`(` is two closing braces, not the end of the tag
// (Jinja's lexer balances brackets), so `{% set d = {'a': {'b': 1}} %}` parses.
import { lexer, TokenizerBase } from '../nunjucks-internals.js';
import type { Token } from '../nunjucks-internals.js';

const OPENERS = new Set([lexer.TOKEN_LEFT_PAREN, lexer.TOKEN_LEFT_BRACKET, lexer.TOKEN_LEFT_CURLY]);
const CLOSERS = new Set([lexer.TOKEN_RIGHT_PAREN, lexer.TOKEN_RIGHT_BRACKET, lexer.TOKEN_RIGHT_CURLY]);

export class BalancedTokenizer extends TokenizerBase {
  private depth = 0;

  nextToken(): Token | null {
    if (this.in_code && this.depth > 0 && this.str.charAt(this.index) === '}') {
      const tok = { type: lexer.TOKEN_RIGHT_CURLY, value: '}', lineno: this.lineno, colno: this.colno };
      this.forward();
      this.depth--;
      return tok;
    }
    const tok = super.nextToken() as Token | null;
    if (tok) {
      if (OPENERS.has(tok.type)) this.depth++;
      else if (CLOSERS.has(tok.type)) this.depth = Math.max(0, this.depth - 1);
      else if (tok.type === lexer.TOKEN_BLOCK_END || tok.type === lexer.TOKEN_VARIABLE_END) this.depth = 0;
    }
    return tok;
  }
}
