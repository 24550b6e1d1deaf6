// Jinja differences in the lexer: `}}` inside an open `{`/`[`/`(` is two closing braces, not the
// end of the tag (Jinja's lexer balances brackets), so `{% set d = {'a': {'b': 1}} %}` parses; and
// string literals take Python's escapes, keeping the backslash of an unknown one ('\d+' is a
// regular expression, not 'd+').
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

  /** Called by the base tokenizer at an opening quote; returns the literal's value. */
  _parseString(delimiter: string): string {
    this.forward();
    let out = '';
    while (!this.isFinished() && this.current() !== delimiter) {
      const cur = this.current() as string;
      this.forward();
      if (cur !== '\\') {
        out += cur;
        continue;
      }
      const next = this.current() as string;
      this.forward();
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) out += simple;
      else if (next === 'x' || next === 'u' || next === 'U') out += this.hexEscape(next === 'x' ? 2 : next === 'u' ? 4 : 8, next);
      else out += `\\${next}`;
    }
    this.forward();
    return out;
  }

  private hexEscape(digits: number, letter: string): string {
    const hex = this.str.slice(this.index, this.index + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return `\\${letter}`;
    for (let i = 0; i < digits; i++) this.forward();
    return String.fromCodePoint(parseInt(hex, 16));
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };
