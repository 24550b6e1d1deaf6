// Jinja differences in macros: `{{ return(x) }}` hands x (a list, dict, number...) to the caller
// instead of the rendered text; extra arguments land in `varargs` and `kwargs`; the macro's frame
// is restored even when it exits early; errors inside carry the macro file's line.
import { nodes, runtime } from '../nunjucks-internals.js';
import type { AstNode, CompileFrame } from '../nunjucks-internals.js';
import type { CompilerLike } from './compiler-like.js';

export const macroDefinitionMethods = {
  _compileMacro(this: CompilerLike, node: AstNode, frame?: CompileFrame): string {
    const funcId = `macro_${this._tmpid()}`;
    const keepFrame = frame !== undefined;
    const children = node.args.children as AstNode[];
    const positional: string[] = [];
    let defaults: AstNode[] = [];
    children.forEach((arg, i) => {
      if (i === children.length - 1 && arg instanceof nodes.Dict!) defaults = arg.children as AstNode[];
      else {
        this.assertType(arg, nodes.Symbol);
        positional.push(arg.value as string);
      }
    });
    const defaultNames = defaults.map((pair) => pair.key.value as string);
    const allNames = [...positional, ...defaultNames];
    const quote = (names: readonly string[]): string => `[${names.map((n) => JSON.stringify(n)).join(', ')}]`;
    const params = [...positional.map((n) => `l_${n}`), 'kwargs', 'varargs'];
    const currFrame = keepFrame ? frame.push(true) : (new runtime.Frame() as CompileFrame);

    this._emitLines(
      `var ${funcId} = env.jinja.makeMacro(${quote(positional)}, ${quote(defaultNames)}, function (${params.join(', ')}) {`,
      'var callerFrame = frame;',
      `frame = ${keepFrame ? 'frame.push(true)' : 'new runtime.Frame()'};`,
      'try {',
      'if (Object.prototype.hasOwnProperty.call(kwargs, "caller")) { frame.set("caller", kwargs.caller); }',
    );
    for (const name of positional) {
      this._emitLine(`frame.set(${JSON.stringify(name)}, l_${name});`);
      currFrame.set(name, `l_${name}`);
    }
    for (const pair of defaults) {
      const name = JSON.stringify(pair.key.value);
      this._emit(`frame.set(${name}, Object.prototype.hasOwnProperty.call(kwargs, ${name}) ? kwargs[${name}] : `);
      this._compileExpression(pair.value, currFrame);
      this._emitLine(');');
    }
    if (!allNames.includes('varargs')) this._emitLine('frame.set("varargs", varargs);');
    if (!allNames.includes('kwargs')) this._emitLine(`frame.set("kwargs", env.jinja.extraKwargs(kwargs, ${quote(allNames)}));`);

    const bufferId = this._pushBuffer();
    this._withScopedSyntax(() => this.compile(node.body, currFrame));
    this._emitLine(`return ${bufferId};`);
    this._emitLine(`} catch (e) { throw env.jinja.locate(e, ${this._templateName()}, lineno, colno); }`);
    this._emitLine('finally { frame = callerFrame; }');
    this._emitLine('});');
    this._popBuffer();
    return funcId;
  },
};
