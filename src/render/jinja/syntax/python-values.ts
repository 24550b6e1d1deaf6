// Jinja differences in values: `{{ x }}` prints Python's str(x) (None, True, [1, 2], {'a': 1});
// attribute lookup provides Python's str/list/dict methods (`.upper()`, `.append()`, `.items()`).
import { nodes } from '../nunjucks-internals.js';
import type { AstNode, CompileFrame } from '../nunjucks-internals.js';
import type { CompilerLike } from './compiler-like.js';

export const pythonValueMethods = {
  compileOutput(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    for (const child of node.children as AstNode[]) {
      if (child instanceof nodes.TemplateData!) {
        if (child.value) {
          this._emit(`${this.buffer} += `);
          this.compile(child, frame);
          this._emitLine(';');
        }
        continue;
      }
      this._emitPosition(child);
      this._emit(`${this.buffer} += env.jinja.str(`);
      this.compile(child, frame);
      this._emitLine(');');
    }
  },

  compileLookupVal(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emit('env.jinja.member((');
    this._compileExpression(node.target, frame);
    this._emit('), ');
    this._compileExpression(node.val, frame);
    this._emit(')');
  },
};
