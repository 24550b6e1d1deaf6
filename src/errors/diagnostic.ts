/**
 * A problem found while loading, rendering or planning a project. Stages collect these
 * instead of throwing on the first one; the CLI prints them all and refuses to run while
 * any has severity 'error'.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `config.unknown_key`, `render.syntax`, `graph.cycle`. */
  readonly code: string;
  readonly message: string;
  /** Project-relative posix path of the file the problem is in. */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
  /** 1-based column in `file`. */
  readonly col?: number;
  /** unique_id of the node concerned, when there is one. */
  readonly node?: string;
  /** What the user can do about it. */
  readonly hint?: string;
}

/** The result of a stage that can report several problems at once. */
export interface Checked<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function errorDiagnostic(code: string, message: string, where: Omit<Diagnostic, 'severity' | 'code' | 'message'> = {}): Diagnostic {
  return { severity: 'error', code, message, ...where };
}

export function warningDiagnostic(code: string, message: string, where: Omit<Diagnostic, 'severity' | 'code' | 'message'> = {}): Diagnostic {
  return { severity: 'warning', code, message, ...where };
}

/** `models/a.sql:3:5: error: message` followed by an indented hint line. */
export function formatDiagnostic(d: Diagnostic): string {
  let location = '';
  if (d.file) {
    location = d.file;
    if (d.line !== undefined) location += `:${d.line}`;
    if (d.line !== undefined && d.col !== undefined) location += `:${d.col}`;
    location += ': ';
  }
  const lines = [`${location}${d.severity}: ${d.message}`];
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}
