// Jinja differences in operators: `"%s" % x` formats, `'-' * 3` repeats, `[1] + [2]` concatenates,
// `~` stringifies like Python's str(), `==` compares by value (no JS coercion), `a and b` / `a or b`
// / `not` / `if` use Python truthiness (empty list and dict are false).
import type { AstNode, CompileFrame } from '../nunjucks-internals.js';
import type { CompilerLike } from './compiler-like.js';

function helperCall(compiler: CompilerLike, helper: string, frame: CompileFrame, ...args: AstNode[]): void {
  compiler._emit(`env.jinja.${helper}(`);
  args.forEach((arg, i) => {
    if (i > 0) compiler._emit(', ');
    compiler.compile(arg, frame);
  });
  compiler._emit(')');
}

const COMPARE_HELPERS: Readonly<Record<string, string>> = { '==': 'eq', '===': 'eq', '!=': 'ne', '!==': 'ne' };

export const pythonOperatorMethods = {
  compileMod(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    helperCall(this, 'mod', frame, node.left, node.right);
  },
  compileMul(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    helperCall(this, 'mul', frame, node.left, node.right);
  },
  compileAdd(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    helperCall(this, 'add', frame, node.left, node.right);
  },
  compileSub(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    helperCall(this, 'sub', frame, node.left, node.right);
  },
  compileConcat(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emit('(env.jinja.str(');
    this.compile(node.left, frame);
    this._emit(') + env.jinja.str(');
    this.compile(node.right, frame);
    this._emit('))');
  },
  compileFloorDiv(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    helperCall(this, 'floorDiv', frame, node.left, node.right);
  },

  /** Chained comparisons (`a < b < c`) are pairwise joined with `&&`, as in Python. */
  compileCompare(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    const ops = node.ops as AstNode[];
    if (ops.length > 1) this._emit('(function (l) { var r; return ');
    let left: string | null = null;
    ops.forEach((op, i) => {
      const helper = COMPARE_HELPERS[op.type as string] ?? 'cmp';
      const opArg = helper === 'cmp' ? `, ${JSON.stringify(op.type)}` : '';
      if (ops.length === 1) {
        this._emit(`env.jinja.${helper}(`);
        this.compile(node.expr, frame);
        this._emit(', ');
        this.compile(op.expr, frame);
        this._emit(`${opArg})`);
        return;
      }
      if (i > 0) this._emit(' && ');
      this._emit(`env.jinja.${helper}(${left ?? 'l'}, (r = `);
      this.compile(op.expr, frame);
      this._emit(`)${opArg})`);
      left = 'r';
    });
    if (ops.length > 1) {
      this._emit('; })(');
      this.compile(node.expr, frame);
      this._emit(')');
    }
  },

  compileNot(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emit('!env.jinja.truthy(');
    this.compile(node.target, frame);
    this._emit(')');
  },
  compileAnd(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emit('(function (l) { return env.jinja.truthy(l) ? (');
    this.compile(node.right, frame);
    this._emit(') : l; })(');
    this.compile(node.left, frame);
    this._emit(')');
  },
  compileOr(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emit('(function (l) { return env.jinja.truthy(l) ? l : (');
    this.compile(node.right, frame);
    this._emit('); })(');
    this.compile(node.left, frame);
    this._emit(')');
  },
  compileInlineIf(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emit('(env.jinja.truthy(');
    this.compile(node.cond, frame);
    this._emit(') ? (');
    this.compile(node.body, frame);
    this._emit(') : (');
    if (node.else_ !== null) this.compile(node.else_, frame);
    else this._emit('undefined');
    this._emit('))');
  },
  compileIf(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emitPosition(node);
    this._emit('if(env.jinja.truthy(');
    this._compileExpression(node.cond, frame);
    this._emitLine(')) {');
    this._withScopedSyntax(() => this.compile(node.body, frame));
    if (node.else_) {
      this._emitLine('}\nelse {');
      this._withScopedSyntax(() => this.compile(node.else_, frame));
    }
    this._emitLine('}');
  },
};
