import { SelectionError } from '../errors/plan-error.js';
import { lookupMethod } from './methods/registry.js';
import type { SelectionCriterion } from './selection-spec.js';

// dbt's grammar: [@][N+][method[.arg...]:]value[+N]
const CRITERION = /^(?<at>@)?(?:(?<parentsDepth>\d*)\+)?(?:(?<method>[\w.]+):)?(?<value>.*?)(?:\+(?<childrenDepth>\d*))?$/s;

const SYNTAX_HINT = "write e.g. 'stg_orders', '+tag:nightly', 'path:models/marts+', 'config.materialized:incremental'";

/** Parses one selector (no spaces or commas). Throws SelectionError. */
export function parseCriterion(raw: string): SelectionCriterion {
  const match = CRITERION.exec(raw);
  const groups = match?.groups;
  if (!groups) throw syntaxError(`Cannot parse selector '${raw}'`);
  const { at, parentsDepth, method: methodText, value, childrenDepth } = groups;
  const parents = parentsDepth !== undefined;
  if (at && parents) throw syntaxError(`Selector '${raw}' combines '@' and a leading '+'; '@' already includes ancestors`);
  if (value === '') throw syntaxError(`Selector '${raw}' has no value to match`);

  return {
    kind: 'criterion',
    raw,
    ...resolveMethod(methodText, value, raw),
    value,
    parents,
    parentsDepth: depth(parentsDepth),
    children: childrenDepth !== undefined,
    childrenDepth: depth(childrenDepth),
    childrensParents: at !== undefined,
  };
}

/**
 * The method of `method[.arg...]:value` (dbt's default when none is written), checked against the
 * registry with its arguments and value. Throws SelectionError.
 */
export function resolveMethod(methodText: string | undefined, value: string, raw: string): { readonly method: string; readonly methodArgs: readonly string[] } {
  if (methodText === undefined) return { method: defaultMethod(value), methodArgs: [] };
  const [name, ...args] = methodText.split('.');
  const impl = lookupMethod(name, raw);
  if (args.length > 0 && !impl.takesArguments) throw syntaxError(`The selector method '${name}:' takes no '.${args.join('.')}' (in '${raw}')`);
  impl.validate?.(value, args, raw);
  return { method: name, methodArgs: args };
}

/** dbt: something path-like is a path, a file name with an extension is a file, else fqn/name. */
function defaultMethod(value: string): string {
  if (value.includes('/') || value.includes('\\')) return 'path';
  if (/\.(sql|py|csv)$/i.test(value)) return 'file';
  return 'fqn';
}

function depth(text: string | undefined): number | undefined {
  return text === undefined || text === '' ? undefined : Number(text);
}

function syntaxError(message: string): SelectionError {
  return new SelectionError('select.syntax', message, { hint: SYNTAX_HINT });
}
