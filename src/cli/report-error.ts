import { formatDiagnostic } from '../errors/diagnostic.js';
import { DiagnosticsError, EXIT_FAILURE, PlanError } from '../errors/plan-error.js';
import { writeLine, type CliIO } from './io.js';

/**
 * The one error boundary: a user's mistake prints as a clean block and exits 1 or 2; anything else
 * is a bug in plan and says so (its stack only with --debug).
 */
export function reportError(error: unknown, io: CliIO, debug: boolean): number {
  if (error instanceof DiagnosticsError) {
    for (const d of error.diagnostics) writeLine(io.stderr, formatDiagnostic(d));
    const errors = error.diagnostics.filter((d) => d.severity === 'error').length;
    writeLine(io.stderr, `${errors} error${errors === 1 ? '' : 's'}; ${error.outcome}.`);
    if (debug && error.stack) writeLine(io.stderr, error.stack);
    return error.exitCode;
  }
  if (error instanceof PlanError) {
    writeLine(io.stderr, formatDiagnostic(error.toDiagnostic()));
    if (debug && error.stack) writeLine(io.stderr, error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLine(io.stderr, `internal error: ${message}`);
  if (debug && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
  else writeLine(io.stderr, 'This is a bug in plan. Run again with --debug for the stack trace and report it.');
  return EXIT_FAILURE;
}
