// The fast path for the most common model file: SQL text with `{{ name(literal, ..., key=literal) }}`
// calls (ref, source, config, var, a macro) and nothing else. Such a template skips nunjucks'
// lexer, parser, code generation and `new Function` (about 0.5 ms a file, most of the time to
// compile a 10,000-model project; dbt's "static parser" exists for the same reason). The program
// built here does exactly what the generated code does for it: the same lookups, calls, str()
// conversion and error positions. Anything else returns undefined and takes the full path.
import type { Program, RenderFunction } from './compile-template.js';

type Literal = string | number;

interface Call {
  readonly name: string;
  readonly args: readonly Literal[];
  readonly kwargs?: Readonly<Record<string, Literal>>;
  /** 0-based line and column of the call's `(`, as nunjucks records them. */
  readonly line: number;
  readonly col: number;
}

type Part = string | Call;

interface Runtime {
  callWrap(fn: unknown, name: string, context: unknown, args: unknown[]): unknown;
  contextOrFrameLookup(context: unknown, frame: unknown, name: string): unknown;
  makeKeywordArgs(obj: Record<string, unknown>): unknown;
}

interface Env {
  readonly jinja: { str(value: unknown): string; locate(error: unknown, file: string, line: number, col: number): unknown };
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const INTEGER = /[0-9]+(?![0-9.eE_A-Za-z])/y;
const SPACE = /[ \t\r\n]*/y;
const RESERVED = new Set(['if', 'else', 'not', 'and', 'or', 'in', 'is', 'true', 'false', 'none', 'True', 'False', 'None', 'loop', 'super', 'caller', 'self']);

export function simpleProgram(source: string, file: string): Program | undefined {
  const parts = parseSimpleTemplate(source);
  if (!parts) return undefined;
  const root: RenderFunction = (env, context, frame, runtime, cb) => {
    const { jinja } = env as Env;
    const rt = runtime as Runtime;
    let line = 0;
    let col = 0;
    let output = '';
    try {
      for (const part of parts) {
        if (typeof part === 'string') {
          output += part;
          continue;
        }
        line = part.line;
        col = part.col;
        const args: unknown[] = [...part.args];
        if (part.kwargs) args.push(rt.makeKeywordArgs({ ...part.kwargs }));
        output += jinja.str(rt.callWrap(rt.contextOrFrameLookup(context, frame, part.name), part.name, context, args));
      }
    } catch (error) {
      cb(jinja.locate(error, file, line, col));
      return;
    }
    cb(null, output);
  };
  return { root, blocks: {} };
}

/** Text and simple calls, or undefined when the template uses anything else. */
export function parseSimpleTemplate(source: string): Part[] | undefined {
  const parts: Part[] = [];
  let textStart = 0;
  let pos = source.indexOf('{');
  while (pos >= 0) {
    const next = source[pos + 1];
    if (next === '%' || next === '#') return undefined;
    if (next !== '{') {
      pos = source.indexOf('{', pos + 1);
      continue;
    }
    const call = parseCall(source, pos + 2);
    if (!call) return undefined;
    if (pos > textStart) parts.push(source.slice(textStart, pos));
    parts.push(call.call);
    textStart = call.end;
    pos = source.indexOf('{', textStart);
  }
  if (textStart < source.length) parts.push(source.slice(textStart));
  return parts;
}

function parseCall(source: string, start: number): { call: Call; end: number } | undefined {
  if (source[start] === '-' || source[start] === '+') return undefined; // whitespace control
  let pos = skipSpace(source, start);
  const name = match(NAME, source, pos);
  if (!name || RESERVED.has(name)) return undefined;
  pos = skipSpace(source, pos + name.length);
  if (source[pos] !== '(') return undefined;
  const { line, col } = positionOf(source, pos);
  const args: Literal[] = [];
  let kwargs: Record<string, Literal> | undefined;
  pos = skipSpace(source, pos + 1);
  while (source[pos] !== ')') {
    let key: string | undefined;
    const word = match(NAME, source, pos);
    if (word) {
      const afterWord = skipSpace(source, pos + word.length);
      if (source[afterWord] !== '=' || source[afterWord + 1] === '=') return undefined;
      key = word;
      pos = skipSpace(source, afterWord + 1);
    } else if (kwargs) {
      return undefined; // a positional argument after a keyword one
    }
    const literal = parseLiteral(source, pos);
    if (!literal) return undefined;
    if (key !== undefined) {
      kwargs ??= {};
      if (Object.hasOwn(kwargs, key)) return undefined;
      kwargs[key] = literal.value;
    }
    else args.push(literal.value);
    pos = skipSpace(source, literal.end);
    if (source[pos] === ',') pos = skipSpace(source, pos + 1);
    else if (source[pos] !== ')') return undefined;
  }
  pos = skipSpace(source, pos + 1);
  if (source[pos] !== '}' || source[pos + 1] !== '}') return undefined;
  return { call: { name, args, ...(kwargs ? { kwargs } : {}), line, col }, end: pos + 2 };
}

/** A string without escapes or braces, or a non-negative integer. */
function parseLiteral(source: string, pos: number): { value: Literal; end: number } | undefined {
  const quote = source[pos];
  if (quote === "'" || quote === '"') {
    const close = source.indexOf(quote, pos + 1);
    if (close < 0) return undefined;
    const value = source.slice(pos + 1, close);
    if (/[\\{}\n\r]/.test(value)) return undefined;
    return { value, end: close + 1 };
  }
  const digits = match(INTEGER, source, pos);
  if (!digits || (digits.length > 1 && digits.startsWith('0')) || digits.length > 15) return undefined;
  return { value: Number(digits), end: pos + digits.length };
}

function match(pattern: RegExp, source: string, pos: number): string | undefined {
  pattern.lastIndex = pos;
  return pattern.exec(source)?.[0];
}

function skipSpace(source: string, pos: number): number {
  SPACE.lastIndex = pos;
  SPACE.exec(source);
  return SPACE.lastIndex;
}

function positionOf(source: string, index: number): { line: number; col: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i >= 0 && i < index; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: index - lineStart };
}
