// Puts our filters, tests and globals on a nunjucks Environment, over nunjucks' own.
import type { Environment } from 'nunjucks';
import { COLLECTION_FILTERS } from './collection-filters.js';
import { JINJA_GLOBALS } from './jinja-globals.js';
import { JINJA_TESTS } from './jinja-tests.js';
import { VALUE_FILTERS } from './value-filters.js';

export function installJinjaBuiltins(env: Environment): void {
  for (const [name, filter] of Object.entries({ ...COLLECTION_FILTERS, ...VALUE_FILTERS })) {
    env.addFilter(name, filter as (...args: unknown[]) => unknown);
  }
  env.addFilter('d', VALUE_FILTERS.default!);
  env.addFilter('count', env.getFilter('length'));
  const withTests = env as Environment & { addTest(name: string, test: (...args: unknown[]) => boolean): void };
  for (const [name, test] of Object.entries(JINJA_TESTS)) withTests.addTest(name, test);
  for (const [name, fn] of Object.entries(JINJA_GLOBALS)) env.addGlobal(name, fn);
}
