// createJinjaEnvironment: compile and render Jinja templates, with dbt-style global macros.
import { RenderError } from '../../errors/plan-error.js';
import { compileProgram } from './compile-template.js';
import type { MacroDefinition, Program } from './compile-template.js';
import { installJinjaBuiltins } from './filters/install.js';
import { nunjucks, runtime } from './nunjucks-internals.js';
import { toRenderError } from './render-error.js';
import { JINJA_RUNTIME } from './runtime/index.js';
import { macroResult } from './runtime/macro-call.js';
import { TemplateContext } from './template-context.js';

export type { MacroDefinition } from './compile-template.js';

export interface CompiledTemplate {
  readonly file: string;
}

type MacroFunction = (...args: unknown[]) => unknown;

export interface JinjaEnvironment {
  /** Compile once (cache-friendly). Throws RenderError(code 'render.syntax', file, 1-based line, col). */
  compile(source: string, file: string): CompiledTemplate;
  /** Runtime errors -> RenderError at the 1-based line; PlanErrors from globals keep their class. */
  render(template: CompiledTemplate, context: Record<string, unknown>): string;
  renderString(source: string, context: Record<string, unknown>, file: string): string;
  /** Render a macro file once and make its macros (and `{% test %}` blocks as test_<name>) global. */
  registerMacroFile(source: string, file: string): readonly MacroDefinition[];
  hasMacro(name: string): boolean;
  /** The value given to return() if the macro called it, else the rendered string. */
  callMacro(name: string, args: readonly unknown[], kwargs?: Readonly<Record<string, unknown>>): unknown;
  getMacro(name: string): MacroFunction | undefined;
  addGlobal(name: string, value: unknown): void;
  getGlobal(name: string): unknown;
  /** A global recomputed on every lookup, also visible inside macros (e.g. `this`, `model`). */
  addDynamicGlobal(name: string, get: () => unknown): void;
  addFilter(name: string, fn: (...args: any[]) => unknown): void; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The innermost registered macro running now, with its file's text (for error lines), if any. */
  currentMacro(): RunningMacro | undefined;
}

export interface RunningMacro extends MacroDefinition {
  /** The whole macro file. */
  readonly source: string;
}

class JinjaTemplate implements CompiledTemplate {
  constructor(
    readonly file: string,
    readonly program: Program,
  ) {}
}

export interface JinjaEnvironmentOptions {
  /** Called each time a registered macro is invoked (dbt's depends_on.macros). */
  readonly onMacroCall?: (name: string) => void;
}

export function createJinjaEnvironment(options: JinjaEnvironmentOptions = {}): JinjaEnvironment {
  const env = new nunjucks.Environment([], { autoescape: false });
  (env as unknown as { jinja: typeof JINJA_RUNTIME }).jinja = JINJA_RUNTIME;
  installJinjaBuiltins(env);
  const globals = (env as unknown as { globals: Record<string, unknown> }).globals;
  const macros = new Map<string, MacroFunction>();
  const running: RunningMacro[] = [];

  function run(program: Program, variables: Readonly<Record<string, unknown>>, file: string): { output: string; context: TemplateContext } {
    const context = new TemplateContext(variables, program.blocks, env as unknown as { globals: Record<string, unknown> });
    const frame = new runtime.Frame();
    frame.topLevel = true;
    let failure: unknown;
    let output = '';
    program.root(env, context, frame, runtime, (err, out) => {
      failure = err;
      output = out ?? '';
    });
    if (failure) throw toRenderError(failure, file);
    return { output, context };
  }

  function programOf(template: CompiledTemplate): Program {
    if (!(template instanceof JinjaTemplate)) throw new TypeError('render() needs a template made by this module\'s compile()');
    return template.program;
  }

  const api: JinjaEnvironment = {
    compile(source, file) {
      return new JinjaTemplate(file, compileProgram(source, file).program);
    },
    render(template, context) {
      return run(programOf(template), context, template.file).output;
    },
    renderString(source, context, file) {
      return api.render(api.compile(source, file), context);
    },
    registerMacroFile(source, file) {
      const compiled = compileProgram(source, file);
      const { context } = run(compiled.program, {}, file);
      for (const def of compiled.macros) {
        const defined = context.ctx[def.name];
        if (typeof defined !== 'function') continue;
        const onCall = options.onMacroCall;
        const entry: RunningMacro = { ...def, source };
        const fn = function (this: unknown, ...args: unknown[]): unknown {
          onCall?.(def.name);
          running.push(entry);
          try {
            return (defined as (...a: unknown[]) => unknown).apply(this, args);
          } finally {
            running.pop();
          }
        };
        macros.set(def.name, fn as MacroFunction);
        globals[def.name] = fn;
      }
      return compiled.macros;
    },
    hasMacro: (name) => macros.has(name),
    currentMacro: () => running.at(-1),
    callMacro(name, args, kwargs) {
      const fn = macros.get(name);
      if (!fn) {
        throw new RenderError('render.unknown_macro', `no macro named '${name}' is defined`, {
          hint: 'Define it with {% macro ' + name + '(...) %} in a file under the macro paths.',
        });
      }
      const callArgs: unknown[] = [...args];
      if (kwargs && Object.keys(kwargs).length > 0) callArgs.push({ ...kwargs, __keywords: true });
      try {
        return macroResult(fn(...callArgs));
      } catch (error) {
        throw toRenderError(error, `macro ${name}`);
      }
    },
    getMacro: (name) => macros.get(name),
    addGlobal(name, value) {
      if (Object.getOwnPropertyDescriptor(globals, name)?.get) delete globals[name];
      globals[name] = value;
    },
    getGlobal: (name) => globals[name],
    addDynamicGlobal(name, get) {
      Object.defineProperty(globals, name, { get, enumerable: true, configurable: true });
    },
    addFilter(name, fn) {
      env.addFilter(name, fn);
    },
  };
  return api;
}
