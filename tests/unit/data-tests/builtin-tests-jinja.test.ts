import { describe, expect, it } from 'vitest';
import { BUILTIN_TEST_NAMES, BUILTIN_TESTS_FILE, BUILTIN_TESTS_SQL } from '../../../src/data-tests/builtin-tests.js';
import { createJinjaEnvironment } from '../../../src/render/jinja/environment.js';
import { renderBuiltinTest } from './render-builtin.js';

// The built-in tests must render the same through plan's Jinja environment (the one the
// render stage registers them in) as through plain nunjucks.
describe('built-in tests in the Jinja environment', () => {
  const env = createJinjaEnvironment();
  const defined = env.registerMacroFile(BUILTIN_TESTS_SQL, BUILTIN_TESTS_FILE);

  it('registers every built-in test as test_<name>', () => {
    expect(defined.map((m) => m.name).sort()).toEqual(BUILTIN_TEST_NAMES.map((n) => `test_${n}`).sort());
  });

  it.each([
    ['unique', { model: 'm', column_name: 'id' }],
    ['accepted_values', { model: 'm', column_name: 's', values: ['a', "b'c"] }],
    ['accepted_values', { model: 'm', column_name: 's', values: [1, 2], quote: false }],
    ['accepted_range', { model: 'm', column_name: 'x', min_value: 0 }],
    ['accepted_range', { model: 'm', column_name: 'x', max_value: 5, inclusive: false }],
    ['expression_is_true', { model: 'm', expression: 'a > 0' }],
    ['unique_combination_of_columns', { model: 'm', combination_of_columns: ['a', 'b'], quote_columns: true }],
    ['not_empty_string', { model: 'm', column_name: 'c', trim_whitespace: false }],
  ])('%s %j', (name, kwargs) => {
    expect(String(env.callMacro(`test_${name}`, [], kwargs)).trim()).toBe(renderBuiltinTest(name, kwargs));
  });
});
