// Where in which template a runtime error happened (1-based), recorded once by the innermost
// template or macro the error passed through.
import { ReturnSignal } from './macro-call.js';

export interface TemplateLocation {
  readonly file?: string;
  readonly line: number;
  readonly col: number;
}

const LOCATION = Symbol('jinja.location');

export function locate(error: unknown, file: string | undefined, lineno: number, colno: number): unknown {
  if (error instanceof ReturnSignal) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  if (!(LOCATION in err)) {
    const location: TemplateLocation = { file, line: lineno + 1, col: colno + 1 };
    Object.defineProperty(err, LOCATION, { value: location, enumerable: false });
  }
  return err;
}

export function templateLocation(error: unknown): TemplateLocation | undefined {
  return error instanceof Error ? (error as unknown as Record<symbol, TemplateLocation | undefined>)[LOCATION] : undefined;
}
