// nunjucks difference: runtime errors carry 0-based lines and none at all on line 1, and `filter not
// found` carries none. We track the position before every statement, filter and test, and hand the
// original error (not a TemplateError wrapper) to env.jinja.locate with the template's name.
import type { AstNode, CompileFrame } from '../nunjucks-internals.js';
import type { CompilerLike } from './compiler-like.js';

export const errorPositionMethods = {
  _emitPosition(this: CompilerLike, node: AstNode): void {
    this._emitLine(`lineno = ${node.lineno}; colno = ${node.colno};`);
  },

  _emitFuncEnd(this: CompilerLike, noReturn?: boolean): void {
    if (!noReturn) this._emitLine(`cb(null, ${this.buffer});`);
    this._closeScopeLevels();
    this._emitLine('} catch (e) {');
    this._emitLine(`  cb(env.jinja.locate(e, ${this._templateName()}, lineno, colno));`);
    this._emitLine('}');
    this._emitLine('}');
    this.buffer = null as unknown as string;
  },

  compileFilter(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, `);
    this._emit(`env.getFilter(${JSON.stringify(node.name.value)}).call(context, `);
    this._compileAggregate(node.args, frame);
    this._emit('))');
  },

  compileIs(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    const right = node.right as AstNode;
    const name = (right.name ? right.name.value : right.value) as string;
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, `);
    this._emit(`env.getTest(${JSON.stringify(name)}).call(context, `);
    this.compile(node.left, frame);
    if (right.args) {
      this._emit(',');
      this.compile(right.args, frame);
    }
    this._emit(') === true)');
  },
};
