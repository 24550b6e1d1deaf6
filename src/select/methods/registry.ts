import { SelectionError } from '../../errors/plan-error.js';
import { accessMethod, groupMethod, packageMethod, resourceTypeMethod, tagMethod } from './attribute-methods.js';
import { configMethod } from './config-method.js';
import { fqnMethod } from './fqn-method.js';
import { fileMethod, pathMethod } from './path-methods.js';
import type { SelectorMethod } from './selector-method.js';
import { sourceMethod } from './source-method.js';
import { exposureMethod } from './exposure-method.js';
import { resultMethod } from './result-method.js';
import { stateMethod } from './state-method.js';
import { testNameMethod, testTypeMethod, unitTestMethod } from './test-methods.js';

const METHODS: ReadonlyMap<string, SelectorMethod> = new Map(
  [
    fqnMethod,
    tagMethod,
    pathMethod,
    fileMethod,
    configMethod,
    resourceTypeMethod,
    sourceMethod,
    testTypeMethod,
    testNameMethod,
    packageMethod,
    unitTestMethod,
    stateMethod,
    resultMethod,
    groupMethod,
    accessMethod,
    exposureMethod,
  ].map((m) => [m.name, m]),
);

/** dbt methods that need things plan does not have (state, run results, exposures...). */
const UNSUPPORTED = new Set([
  'source_status',
  'metric',
  'semantic_model',
  'saved_query',
  'version',
]);

export function supportedMethodNames(): readonly string[] {
  return [...METHODS.keys()];
}

/** The method for `name`, or a SelectionError that says why not and lists the known ones. */
export function lookupMethod(name: string, raw: string): SelectorMethod {
  const method = METHODS.get(name);
  if (method) return method;
  const known = `supported methods: ${supportedMethodNames().join(', ')}`;
  if (UNSUPPORTED.has(name)) {
    throw new SelectionError('select.unsupported_method', `The selector method '${name}:' (in '${raw}') is not supported by plan`, {
      hint: known,
    });
  }
  throw new SelectionError('select.unknown_method', `Unknown selector method '${name}:' in '${raw}'`, { hint: known });
}
