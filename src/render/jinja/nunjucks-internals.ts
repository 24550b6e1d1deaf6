// Typed handles on the nunjucks 3.2.4 modules we extend (parser, compiler, lexer, nodes, runtime).
// nunjucks ships no types for these internals, so only what we touch is described here.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Token {
  readonly type: string;
  readonly value: any;
  readonly lineno: number;
  readonly colno: number;
}

export interface AstNode {
  readonly typename: string;
  lineno: number;
  colno: number;
  [field: string]: any;
}

export type NodeClass = (new (lineno: number, colno: number, ...fields: any[]) => AstNode) & {
  extend(name: string, props: { fields: string[] }): NodeClass;
};

export interface CompileFrame {
  variables: Record<string, string | undefined>;
  parent?: CompileFrame;
  lookup(name: string): string | undefined;
  set(name: string, id: string): void;
  push(isolate?: boolean): CompileFrame;
}

/** The nunjucks package itself, through require() like its internals (an ESM import would make Node lex it for named exports). */
export const nunjucks = require('nunjucks') as typeof import('nunjucks');
export const nodes = require('nunjucks/src/nodes.js') as Record<string, NodeClass>;
export const lexer = require('nunjucks/src/lexer.js') as Record<string, string> & {
  lex(src: string, opts?: unknown): unknown;
};
export const runtime = require('nunjucks/src/runtime.js') as {
  Frame: new (parent?: unknown, isolateWrites?: boolean) => CompileFrame & { topLevel: boolean };
  SafeString: new (val: string) => { val: string };
  [name: string]: any;
};
export const ParserBase = (require('nunjucks/src/parser.js') as { Parser: new (tokens: unknown) => any }).Parser;
export const CompilerBase = (require('nunjucks/src/compiler.js') as {
  Compiler: new (templateName: string, throwOnUndefined?: boolean) => any;
}).Compiler;

/** The lexer's Tokenizer class is not exported; `lex()` returns an instance we can take it from. */
export const TokenizerBase = Object.getPrototypeOf(lexer.lex('')).constructor as new (
  src: string,
  opts?: unknown,
) => any;
