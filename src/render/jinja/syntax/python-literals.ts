// Jinja differences in literals: `True/False/None` are constants; `(1, 2)` is a tuple (nunjucks
// compiles it to JS's comma operator, giving 2); dict keys are expressions (`{col: 1}` uses the
// variable `col`, and `{1: 'a'}` is allowed).
import type { AstNode, CompileFrame } from '../nunjucks-internals.js';
import type { CompilerLike } from './compiler-like.js';

const CONSTANTS: Readonly<Record<string, string>> = { True: 'true', False: 'false', None: 'null' };

export const pythonLiteralMethods = {
  compileSymbol(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    const name = node.value as string;
    const constant = CONSTANTS[name];
    if (constant !== undefined) return this._emit(constant);
    const id = frame.lookup(name);
    if (id) this._emit(id);
    else this._emit(`runtime.contextOrFrameLookup(context, frame, ${JSON.stringify(name)})`);
  },

  compileGroup(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    if (node.children.length === 1 && !node.isTuple) this._compileAggregate(node, frame, '(', ')');
    else this._compileAggregate(node, frame, 'env.jinja.tuple([', '])');
  },

  compilePair(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    const key = node.key as AstNode;
    if (key.typename === 'Literal') this.compile(key, frame);
    else {
      this._emit('[env.jinja.dictKey(');
      this._compileExpression(key, frame);
      this._emit(')]');
    }
    this._emit(': ');
    this._compileExpression(node.value, frame);
  },

  /** In a call, `f(a=1)` names the keyword `a`; it is not the variable `a` as in a dict literal. */
  compileKeywordArgs(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emit('runtime.makeKeywordArgs({');
    (node.children as AstNode[]).forEach((pair, i) => {
      if (i > 0) this._emit(', ');
      this._emit(`${JSON.stringify(String(pair.key.value))}: `);
      this._compileExpression(pair.value, frame);
    });
    this._emit('})');
  },
};
