// Jinja differences in `{% for %}`: iterating a dict yields its keys (nunjucks yields nothing for a
// single loop variable), `{% for x in xs if cond %}` filters items (nunjucks would read it as an
// inline if), and `loop.cycle(...)` exists.
import { CompilerBase, nodes } from '../nunjucks-internals.js';
import type { AstNode, CompileFrame } from '../nunjucks-internals.js';
import type { CompilerLike } from './compiler-like.js';

export const IterableNode = nodes.Node!.extend('JinjaIterable', { fields: ['expr', 'names'] });

export const forLoopMethods = {
  compileFor(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    this._emitPosition(node);
    const names = node.name.typename === 'Array' ? node.name.children.length : 1;
    if (!(node.arr instanceof IterableNode)) {
      node.arr = new IterableNode(node.arr.lineno, node.arr.colno, node.arr, names);
      node.arr.loopNames = node.name.typename === 'Array' ? node.name.children : [node.name];
    }
    CompilerBase.prototype.compileFor.call(this, node, frame);
  },

  compileJinjaIterable(this: CompilerLike, node: AstNode, frame: CompileFrame): void {
    const expr = node.expr as AstNode;
    if (expr.typename !== 'InlineIf' || expr.else_ !== null) {
      this._emit('env.jinja.iterable(');
      this._compileExpression(expr, frame);
      this._emit(`, ${node.names as number})`);
      return;
    }
    // Loop filter: evaluate the condition with the loop variables bound to each item.
    const [items, out, k] = [this._tmpid(), this._tmpid(), this._tmpid()];
    const names = (node.loopNames as AstNode[]).map((n) => n.value as string);
    const condFrame = frame.push();
    this._emit(`(function () { var ${items} = env.jinja.iterable(`);
    this._compileExpression(expr.body, frame);
    this._emit(`, ${names.length}) || []; var ${out} = []; frame = frame.push(); try { for (var ${k} = 0; ${k} < ${items}.length; ${k}++) {`);
    names.forEach((name, i) => {
      const id = this._tmpid();
      const item = names.length > 1 ? `${items}[${k}][${i}]` : `${items}[${k}]`;
      this._emit(`var ${id} = ${item}; frame.set(${JSON.stringify(name)}, ${id});`);
      condFrame.set(name, id);
    });
    this._emit('if (env.jinja.truthy(');
    this._compileExpression(expr.cond, condFrame);
    this._emit(`)) ${out}.push(${items}[${k}]); } } finally { frame = frame.pop(); } return ${out}; })()`);
  },

  _emitLoopBindings(this: CompilerLike, node: AstNode, arr: string, i: string, len: string): void {
    CompilerBase.prototype._emitLoopBindings.call(this, node, arr, i, len);
    this._emitLine(`frame.set("loop.cycle", function () { return arguments[${i} % arguments.length]; });`);
  },
};
