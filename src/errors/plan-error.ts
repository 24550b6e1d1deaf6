import type { Diagnostic } from './diagnostic.js';

/** Exit codes of the CLI: 0 success, 1 a node or test failed, 2 invalid invocation or project. */
export const EXIT_SUCCESS = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID = 2;

export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly node?: string;
  readonly hint?: string;
}

/**
 * The one base type for errors caused by the user's project or invocation. The CLI's error
 * boundary prints these as a clean block (no stack unless --debug) and exits with `exitCode`.
 * Anything that is not a PlanError is a bug in plan and is printed with its stack.
 */
export class PlanError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly node?: string;
  readonly hint?: string;
  readonly exitCode: number;

  constructor(code: string, message: string, location: ErrorLocation = {}, exitCode: number = EXIT_INVALID) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.file = location.file;
    this.line = location.line;
    this.col = location.col;
    this.node = location.node;
    this.hint = location.hint;
    this.exitCode = exitCode;
  }

  toDiagnostic(): Diagnostic {
    return {
      severity: 'error',
      code: this.code,
      message: this.message,
      file: this.file,
      line: this.line,
      col: this.col,
      node: this.node,
      hint: this.hint,
    };
  }
}

/** project.yml, profiles.yml, property files, --vars: exit 2. */
export class ConfigError extends PlanError {}
/** Template syntax or runtime errors while rendering Jinja: exit 2. */
export class RenderError extends PlanError {}
/** Unknown refs, cycles: exit 2. */
export class GraphError extends PlanError {}
/** Bad --select / --exclude syntax: exit 2. */
export class SelectionError extends PlanError {}

/** A node failed while running against the database: exit 1. */
export class ExecutionError extends PlanError {
  constructor(code: string, message: string, location: ErrorLocation = {}) {
    super(code, message, location, 1);
  }
}

/** A model's output does not match its enforced contract: exit 1. */
export class ContractError extends ExecutionError {}

/** Several diagnostics at once (e.g. everything wrong with a project): exit 2. */
export class DiagnosticsError extends PlanError {
  readonly diagnostics: readonly Diagnostic[];

  /** What the errors stopped, for the closing line ("nothing was run", or e.g. "year 2027 was not run"). */
  readonly outcome: string;

  constructor(diagnostics: readonly Diagnostic[], exitCode: number = EXIT_INVALID, outcome = 'nothing was run') {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super('diagnostics', `${errors.length} error${errors.length === 1 ? '' : 's'} found`, {}, exitCode);
    this.diagnostics = diagnostics;
    this.outcome = outcome;
  }
}
