import type { Diagnostic, Severity } from '../errors/diagnostic.js';
import { errorDiagnostic } from '../errors/diagnostic.js';
import { checkConfigBlock } from '../config/config-values.js';
import { describeValue, formatKeyPath, isPlainObject } from '../config/key-path.js';
import type { KeyPath, YamlDocument } from '../config/yaml-document.js';
import type { TestDeclaration } from './types.js';

/** Test configs dbt lets you write beside the arguments (old style); they move into `config`. */
const CONFIG_BESIDE_ARGS = ['severity', 'where', 'tags', 'limit', 'warn_if', 'error_if', 'store_failures', 'store_failures_as', 'fail_calc', 'enabled', 'meta', 'database', 'schema', 'alias'];

const TEST_NAME = /^(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)$/;

export interface TestListContext {
  readonly doc: YamlDocument;
  /** Path of the `tests:` / `data_tests:` list. */
  readonly path: KeyPath;
  /** Severity of unknown test configs. */
  readonly unknownConfigs: Severity;
}

function fail(ctx: TestListContext, path: KeyPath, message: string, hint?: string): Diagnostic {
  return errorDiagnostic('properties.invalid_test', `${formatKeyPath(path, ctx.doc.value)}: ${message}`, { file: ctx.doc.file, line: ctx.doc.lineOf(path), hint });
}

function normalizeOne(entry: unknown, path: KeyPath, ctx: TestListContext, diagnostics: Diagnostic[]): TestDeclaration | undefined {
  const location = { file: ctx.doc.file, line: ctx.doc.lineOf(path) ?? 1 };
  let fullName: unknown;
  let body: unknown;
  let bodyPath: KeyPath = path;
  if (typeof entry === 'string') {
    fullName = entry;
    body = {};
  } else if (isPlainObject(entry) && 'test_name' in entry) {
    const { test_name: testName, ...rest } = entry;
    fullName = testName;
    body = rest;
  } else if (isPlainObject(entry)) {
    const keys = Object.keys(entry);
    if (keys.length !== 1) {
      diagnostics.push(fail(ctx, path, `a test must be a name or a mapping with exactly one key (the test name), found keys ${keys.join(', ') || 'none'}`, 'write `- unique` or `- accepted_values: {values: [a, b]}`'));
      return undefined;
    }
    fullName = keys[0];
    body = entry[keys[0]] ?? {};
    bodyPath = [...path, keys[0]];
  } else {
    diagnostics.push(fail(ctx, path, `expected a test name or a mapping, found ${describeValue(entry)}`));
    return undefined;
  }
  const nameMatch = typeof fullName === 'string' ? TEST_NAME.exec(fullName) : null;
  if (!nameMatch) {
    diagnostics.push(fail(ctx, path, `'${String(fullName)}' is not a valid test name (expected name or package.name)`));
    return undefined;
  }
  if (!isPlainObject(body)) {
    diagnostics.push(fail(ctx, bodyPath, `expected the test's arguments as a mapping, found ${describeValue(body)}`, `write \`- ${fullName as string}: {argument: value}\``));
    return undefined;
  }
  const { name: customName, config: rawConfig, arguments: rawArguments, description, ...rest } = body;
  const moved: Record<string, unknown> = {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (CONFIG_BESIDE_ARGS.includes(key)) moved[key] = value;
    else args[key] = value;
  }
  if (rawConfig !== undefined && rawConfig !== null && !isPlainObject(rawConfig)) {
    diagnostics.push(fail(ctx, [...bodyPath, 'config'], `expected a mapping, found ${describeValue(rawConfig)}`));
  }
  if (rawArguments !== undefined && rawArguments !== null && !isPlainObject(rawArguments)) {
    diagnostics.push(fail(ctx, [...bodyPath, 'arguments'], `expected a mapping of argument names to values, found ${describeValue(rawArguments)}`));
  }
  if (customName !== undefined && typeof customName !== 'string') {
    diagnostics.push(fail(ctx, [...bodyPath, 'name'], `expected a string, found ${describeValue(customName)}`));
  }
  const config = { ...moved, ...(isPlainObject(rawConfig) ? rawConfig : {}) };
  diagnostics.push(...checkConfigBlock('test', moved, { doc: ctx.doc, basePath: bodyPath, unknownKeys: ctx.unknownConfigs, codePrefix: 'properties' }));
  if (isPlainObject(rawConfig)) {
    diagnostics.push(...checkConfigBlock('test', rawConfig, { doc: ctx.doc, basePath: [...bodyPath, 'config'], unknownKeys: ctx.unknownConfigs, codePrefix: 'properties' }));
  }
  return {
    name: nameMatch[2],
    ...(nameMatch[1] ? { namespace: nameMatch[1] } : {}),
    args: { ...(isPlainObject(rawArguments) ? rawArguments : {}), ...args },
    config,
    ...(typeof customName === 'string' ? { customName } : {}),
    ...(typeof description === 'string' ? { description } : {}),
    location,
  };
}

/**
 * Normalizes a `tests:` / `data_tests:` list into TestDeclarations: `- unique`,
 * `- accepted_values: {values: [...], severity: warn}` (configs beside the args move into
 * config), `- dbt_utils.accepted_range: {...}` (namespace), dbt 1.10 `arguments:` nesting,
 * `name:` (custom test name) and `test_name:` style entries.
 */
export function normalizeTests(list: unknown, ctx: TestListContext): { readonly tests: TestDeclaration[]; readonly diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tests: TestDeclaration[] = [];
  if (list === undefined || list === null) return { tests, diagnostics };
  if (!Array.isArray(list)) {
    diagnostics.push(fail(ctx, ctx.path, `expected a list of tests, found ${describeValue(list)}`, 'write each test on its own line starting with `- `'));
    return { tests, diagnostics };
  }
  list.forEach((entry, i) => {
    const test = normalizeOne(entry, [...ctx.path, i], ctx, diagnostics);
    if (test) tests.push(test);
  });
  return { tests, diagnostics };
}
