// A failure while rendering -> the error the caller sees: PlanErrors from global functions keep their
// class and code and gain a position; anything else becomes a RenderError at the 1-based position.
import { PlanError, RenderError } from '../../errors/plan-error.js';
import { templateLocation } from './runtime/error-location.js';
import { ReturnSignal } from './runtime/macro-call.js';

const UNDEFINED_CALL = /^Unable to call `(.+)`, which is undefined or falsey$/;
const NOT_FUNCTION_CALL = /^Unable to call `(.+)`, which is not a function$/;

export function toRenderError(error: unknown, file: string): PlanError {
  if (error instanceof ReturnSignal) {
    return new RenderError('render.return_outside_macro', 'return() was called outside of a macro', {
      file,
      hint: 'Use return() only inside {% macro %} ... {% endmacro %}.',
    });
  }
  const location = templateLocation(error);
  const where = { file: location?.file ?? file, line: location?.line, col: location?.col };
  if (error instanceof PlanError) {
    const target = error as { -readonly [K in 'file' | 'line' | 'col']?: PlanError[K] };
    if (error.file === undefined) {
      target.file = where.file;
      target.line = where.line;
      target.col = where.col;
    }
    return error;
  }
  const raw = error instanceof Error ? error.message : String(error);
  let message = raw;
  let hint: string | undefined;
  const undefinedCall = UNDEFINED_CALL.exec(raw);
  const notFunction = NOT_FUNCTION_CALL.exec(raw);
  if (undefinedCall) {
    message = `'${undefinedCall[1]}' is undefined, so it cannot be called`;
    hint = 'Check the spelling, or define a macro with this name in a macro file.';
  } else if (notFunction) {
    message = `'${notFunction[1]}' is not a function, so it cannot be called`;
  } else if (raw.startsWith('filter not found: ')) {
    message = `unknown filter '${raw.slice('filter not found: '.length)}'`;
    hint = 'Check the filter name; Jinja and dbt filters such as upper, default, tojson are available.';
  } else if (raw.startsWith('test not found: ')) {
    message = `unknown test '${raw.slice('test not found: '.length)}' after 'is'`;
  }
  const rendered = new RenderError('render.runtime', message, { ...where, hint });
  (rendered as { cause?: unknown }).cause = error;
  return rendered;
}
