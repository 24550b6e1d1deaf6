// Source text -> a nunjucks program (root and block functions) through our Jinja lexer, parser and
// compiler, plus the macros defined at its top level. Syntax errors become RenderError.
import { RenderError } from '../../errors/plan-error.js';
import type { AstNode } from './nunjucks-internals.js';
import { BalancedTokenizer } from './syntax/balanced-tokenizer.js';
import { JinjaCompiler } from './syntax/jinja-compiler.js';
import { JinjaParser } from './syntax/jinja-parser.js';
import { simpleProgram } from './simple-program.js';

export type RenderFunction = (env: unknown, context: unknown, frame: unknown, runtime: unknown, cb: (err: unknown, out?: string) => void) => void;

export interface Program {
  readonly root: RenderFunction;
  readonly blocks: Readonly<Record<string, RenderFunction>>;
}

export interface MacroDefinition {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly args: readonly string[];
  readonly kind: 'macro' | 'test';
}

export interface CompiledProgram {
  readonly program: Program;
  readonly macros: readonly MacroDefinition[];
}

const HINT = 'Check the Jinja syntax at this position: every {% tag %} needs its end tag and every {{ needs }}.';

/**
 * A compiled program does not depend on its environment (the environment is an argument of its
 * render functions), so programs are shared across environments in one process: `plan watch` and
 * the year loop render the same files again and again.
 */
const programCache = new Map<string, CompiledProgram>();
const PROGRAM_CACHE_LIMIT = 50_000;

export function compileProgram(source: string, file: string): CompiledProgram {
  const key = `${file}\u0000${source}`;
  const cached = programCache.get(key);
  if (cached) return cached;
  const simple = simpleProgram(source, file);
  const compiled = simple ? { program: simple, macros: [] } : compileFullProgram(source, file);
  if (programCache.size >= PROGRAM_CACHE_LIMIT) programCache.clear();
  programCache.set(key, compiled);
  return compiled;
}

/** Through our Jinja lexer, parser and compiler (every template that is not simple-program.ts's kind). */
export function compileFullProgram(source: string, file: string): CompiledProgram {
  const tokens = new BalancedTokenizer(source, {});
  let ast: AstNode;
  let code: string;
  try {
    ast = new JinjaParser(tokens).parseAsRoot() as AstNode;
    const compiler = new JinjaCompiler(file, false);
    compiler.compile(ast);
    code = compiler.getCode() as string;
  } catch (error) {
    throw syntaxError(error, file, tokens as unknown as { lineno: number; colno: number; isFinished(): boolean });
  }
  const props = new Function(code)() as Record<string, RenderFunction>;
  const blocks: Record<string, RenderFunction> = {};
  for (const key of Object.keys(props)) if (key.startsWith('b_')) blocks[key.slice(2)] = props[key]!;
  return { program: { root: props.root!, blocks }, macros: topLevelMacros(ast, file) };
}

function syntaxError(error: unknown, file: string, tokens: { lineno: number; colno: number; isFinished(): boolean }): RenderError {
  const e = error as { message?: string; lineno?: number; colno?: number; name?: string };
  const positioned = typeof e.lineno === 'number' && e.lineno > 0;
  let message = (e.message ?? String(error)).replace(/^parse\w*: /, '').replace(/^compile\w*: /, '');
  if (!positioned && !(e.name === 'Template render error') && tokens.isFinished()) {
    message = `unexpected end of template (${message}); is a tag or block left open?`;
  }
  return new RenderError('render.syntax', `Jinja syntax error: ${message}`, {
    file,
    line: positioned ? e.lineno : tokens.lineno + 1,
    col: positioned ? e.colno : tokens.colno + 1,
    hint: HINT,
  });
}

function topLevelMacros(ast: AstNode, file: string): MacroDefinition[] {
  const found: MacroDefinition[] = [];
  for (const node of ast.children as AstNode[]) {
    if (node.typename !== 'Macro') continue;
    const args: string[] = [];
    for (const arg of node.args.children as AstNode[]) {
      if (arg.typename === 'Symbol') args.push(arg.value as string);
      else for (const pair of arg.children as AstNode[]) args.push(pair.key.value as string);
    }
    found.push({ name: node.name.value as string, file, line: node.lineno + 1, args, kind: node.jinjaKind === 'test' ? 'test' : 'macro' });
  }
  return found;
}
