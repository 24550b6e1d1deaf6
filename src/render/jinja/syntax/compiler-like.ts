// The parts of nunjucks' Parser and Compiler instances that our bridges call.
import type { AstNode, CompileFrame, Token } from '../nunjucks-internals.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface ParserLike {
  tokens: { lineno: number; colno: number };
  dropLeadingWhitespace: boolean;
  nextToken(withWhitespace?: boolean): Token;
  peekToken(): Token;
  pushToken(tok: Token): void;
  skip(type: string): boolean;
  skipValue(type: string, value: string): boolean;
  skipSymbol(value: string): boolean;
  expect(type: string): Token;
  fail(message: string, lineno?: number, colno?: number): never;
  parseExpression(): AstNode;
  parsePrimary(noPostfix?: boolean): AstNode;
  parseSignature(tolerant?: boolean, noParens?: boolean): AstNode;
  parseUntilBlocks(...names: string[]): AstNode;
  advanceAfterBlockEnd(name?: string): Token;
}

export interface CompilerLike {
  buffer: string;
  templateName: string;
  _emit(code: string): void;
  _emitLine(code: string): void;
  _emitLines(...lines: string[]): void;
  _tmpid(): string;
  _pushBuffer(): string;
  _popBuffer(): void;
  _withScopedSyntax(fn: () => void): void;
  _closeScopeLevels(): void;
  _compileExpression(node: AstNode, frame: CompileFrame): void;
  _compileAggregate(node: AstNode, frame: CompileFrame, start?: string, end?: string): void;
  _templateName(): string;
  /** Ours: `lineno = n; colno = c;` so runtime errors know where they happened. */
  _emitPosition(node: AstNode): void;
  compile(node: AstNode, frame?: CompileFrame): void;
  assertType(node: AstNode, ...types: unknown[]): void;
  fail(message: string, lineno?: number, colno?: number): never;
  [method: string]: any;
}
