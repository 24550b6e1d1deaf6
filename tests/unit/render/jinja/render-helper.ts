import { createJinjaEnvironment } from '../../../../src/render/jinja/index.js';

/** Render `source` as models/m.sql in a fresh environment. */
export function render(source: string, context: Record<string, unknown> = {}): string {
  return createJinjaEnvironment().renderString(source, context, 'models/m.sql');
}

/** The error rendering `source` throws (fails the test if it renders). */
export function renderError(source: string, context: Record<string, unknown> = {}): Error & Record<string, unknown> {
  try {
    render(source, context);
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error(`expected an error rendering ${source}`);
}
