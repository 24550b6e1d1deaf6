import nunjucks from 'nunjucks';
import { BUILTIN_TESTS_SQL } from '../../../src/data-tests/builtin-tests.js';

/**
 * Renders a built-in test with plain nunjucks, turning `{% test x %}` blocks into macros
 * `test_x` the way the render stage registers them. Shared by the unit and integration tests.
 */
export function renderBuiltinTest(name: string, kwargs: Record<string, unknown>): string {
  const macros = BUILTIN_TESTS_SQL.replace(/\{%-?\s*test\s+(\w+)\s*\(/g, '{% macro test_$1(').replace(/\{%-?\s*endtest\s*-?%\}/g, '{% endmacro %}');
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  const args = Object.keys(kwargs).map((k) => `${k}=__args.${k}`).join(', ');
  return env.renderString(`${macros}{{ test_${name}(${args}) }}`, { __args: kwargs }).trim();
}
