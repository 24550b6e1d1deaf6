import { ExecutionError } from '../errors/plan-error.js';
import type { ErrorLocation } from '../errors/plan-error.js';

/**
 * DuckDB's error class, read from the message prefix ("Binder Error: ..."). Known values are
 * listed; anything else DuckDB reports is kept as is.
 */
export type EngineErrorKind =
  | 'Parser'
  | 'Binder'
  | 'Catalog'
  | 'Conversion'
  | 'Constraint'
  | 'IO'
  | 'TransactionContext'
  | 'Invalid Input'
  | 'Out of Range'
  | 'Not implemented'
  | 'Dependency'
  | 'INTERNAL'
  | 'Unknown'
  | (string & {});

export interface EngineErrorDetails {
  readonly kind: EngineErrorKind;
  /** 1-based `LINE n` DuckDB reports, within the statement sent. */
  readonly dbLine?: number;
  /** DuckDB's message without the "X Error:" prefix and without the caret block. */
  readonly dbMessage: string;
  /** The `LINE n: ...` excerpt and caret DuckDB printed, if any. */
  readonly caret?: string;
  /** The statement that failed. */
  readonly sql?: string;
  /** 1-based line within the model's compiled SQL, when the failing statement embedded it. */
  readonly modelLine?: number;
}

/** A statement failed in DuckDB. Exit code 1 (a node failed). */
export class EngineError extends ExecutionError {
  readonly kind: EngineErrorKind;
  readonly dbLine?: number;
  readonly dbMessage: string;
  readonly caret?: string;
  readonly sql?: string;
  readonly modelLine?: number;

  constructor(details: EngineErrorDetails, message?: string, location: ErrorLocation = {}) {
    super(`engine.${details.kind.toLowerCase().replaceAll(' ', '_')}`, message ?? `${details.kind} Error: ${details.dbMessage}`, location);
    this.kind = details.kind;
    this.dbLine = details.dbLine;
    this.dbMessage = details.dbMessage;
    this.caret = details.caret;
    this.sql = details.sql;
    this.modelLine = details.modelLine;
  }

  /** A copy with more context: a message prefix, the model line, a location. */
  with(extra: { readonly prefix?: string; readonly modelLine?: number; readonly location?: ErrorLocation }): EngineError {
    const details: EngineErrorDetails = { ...this.details(), modelLine: extra.modelLine ?? this.modelLine };
    const message = extra.prefix ? `${extra.prefix}: ${this.message}` : this.message;
    const location: ErrorLocation = {
      file: this.file,
      line: this.line,
      col: this.col,
      node: this.node,
      hint: this.hint,
      ...extra.location,
    };
    return new EngineError(details, message, location);
  }

  details(): EngineErrorDetails {
    return {
      kind: this.kind,
      dbLine: this.dbLine,
      dbMessage: this.dbMessage,
      caret: this.caret,
      sql: this.sql,
      modelLine: this.modelLine,
    };
  }
}

const PREFIX = /^([A-Za-z][A-Za-z ]*?) Error: /;
const LINE_BLOCK = /\n*LINE (\d+):[^\n]*(?:\n[ \t]*\^)?\s*$/;

/** Split a raw DuckDB error message into kind, message, LINE n and caret block. */
export function parseDuckDBMessage(raw: string): Pick<EngineErrorDetails, 'kind' | 'dbLine' | 'dbMessage' | 'caret'> {
  let rest = raw;
  let kind: EngineErrorKind = 'Unknown';
  const prefix = PREFIX.exec(rest);
  if (prefix) {
    kind = prefix[1] === 'Invalid Input' || prefix[1] === 'Out of Range' ? prefix[1] : prefix[1].trim();
    rest = rest.slice(prefix[0].length);
  }
  let dbLine: number | undefined;
  let caret: string | undefined;
  const block = LINE_BLOCK.exec(rest);
  if (block) {
    dbLine = Number(block[1]);
    caret = block[0].replace(/^\n+/, '').replace(/\s+$/, '');
    rest = rest.slice(0, block.index);
  }
  return { kind, dbLine, dbMessage: rest.trim(), caret };
}

/** Wrap anything DuckDB threw into an EngineError (leaves EngineErrors alone). */
export function toEngineError(error: unknown, sql?: string): EngineError {
  if (error instanceof EngineError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  return new EngineError({ ...parseDuckDBMessage(raw), sql });
}
