import { ConfigError } from '../errors/plan-error.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { KeyPath, YamlDocument } from './yaml-document.js';
import { formatKeyPath, isPlainObject } from './key-path.js';

export interface EnvVarOptions {
  /** File named in the error when a variable is missing. */
  readonly file?: string;
  readonly line?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const QUOTED = String.raw`(?:'([^']*)'|"([^"]*)")`;
const DEFAULT = String.raw`(?:\s*,\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)|(True|False|true|false)))?`;
const FILTER = String.raw`((?:\s*\|\s*(?:int|float|as_number|as_bool|as_text|string|trim|lower|upper))*)`;
// `{{-` / `-}}` also eat the whitespace beside them, as in Jinja.
const ENV_VAR_SOURCE = String.raw`(?:\s*\{\{-|\{\{)\s*env_var\(\s*${QUOTED}${DEFAULT}\s*\)${FILTER}\s*(?:-\}\}\s*|\}\})`;

function lookup(match: RegExpExecArray, options: EnvVarOptions): { name: string; value: string; filters: string[] } {
  const env = options.env ?? process.env;
  const name = match[1] ?? match[2];
  const fallback = match[3] ?? match[4] ?? match[5] ?? match[6];
  const filters = (match[7] ?? '').split('|').map((f) => f.trim()).filter((f) => f !== '');
  const found = env[name];
  if (found !== undefined) return { name, value: found, filters };
  if (fallback !== undefined) return { name, value: fallback, filters };
  throw new ConfigError('config.env_var_missing', `env_var('${name}') is not set and has no default${options.file ? ` (in ${options.file})` : ''}`, {
    file: options.file,
    line: options.line,
    hint: `set the environment variable ${name}, or give a default: env_var('${name}', 'value')`,
  });
}

function applyTextFilters(value: string, filters: readonly string[]): string {
  let out = value;
  for (const f of filters) {
    if (f === 'trim') out = out.trim();
    else if (f === 'lower') out = out.toLowerCase();
    else if (f === 'upper') out = out.toUpperCase();
  }
  return out;
}

/**
 * Replaces every `{{ env_var('X') }}` / `{{ env_var('X', 'default') }}` in a yml string value
 * with the variable's value. Other Jinja is left alone for the render stage.
 * Throws ConfigError naming the variable (and the file, when given) if it is unset without default.
 */
export function renderEnvVars(text: string, options: EnvVarOptions = {}): string {
  if (!text.includes('env_var')) return text;
  const re = new RegExp(ENV_VAR_SOURCE, 'g');
  return text.replace(re, (...args: unknown[]) => {
    const match = args.slice(0, -2) as unknown as RegExpExecArray;
    const { value, filters } = lookup(match, options);
    return applyTextFilters(value, filters);
  });
}

/**
 * Like renderEnvVars, but a string that is exactly one env_var expression piped to `int`,
 * `float`, `as_number` or `as_bool` becomes a number or boolean, as dbt's native rendering does.
 */
export function renderEnvVarValue(text: string, options: EnvVarOptions = {}): unknown {
  const whole = new RegExp(`^\\s*${ENV_VAR_SOURCE}\\s*$`).exec(text);
  if (whole) {
    const { value, filters } = lookup(whole, options);
    const last = filters[filters.length - 1];
    if (last === 'int' || last === 'float' || last === 'as_number') {
      const n = Number(value);
      if (value.trim() !== '' && Number.isFinite(n)) return last === 'int' ? Math.trunc(n) : n;
    }
    if (last === 'as_bool') {
      if (/^(true|1|yes)$/i.test(value.trim())) return true;
      if (/^(false|0|no)$/i.test(value.trim())) return false;
    }
    return applyTextFilters(value, filters);
  }
  return renderEnvVars(text, options);
}

/**
 * Renders env_var() in every string of a parsed yml value. Missing variables become error
 * diagnostics (file + line of the key), and the string is left as written.
 */
export function renderEnvVarsDeep(
  value: unknown,
  doc: YamlDocument,
  env?: Readonly<Record<string, string | undefined>>,
  basePath: KeyPath = [],
): { readonly value: unknown; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const walk = (v: unknown, path: KeyPath): unknown => {
    if (typeof v === 'string') {
      try {
        return renderEnvVarValue(v, { file: doc.file, line: doc.lineOf(path), env });
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        diagnostics.push({ ...e.toDiagnostic(), message: `${formatKeyPath(path)}: ${e.message}` });
        return v;
      }
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, [...path, k]);
      return out;
    }
    return v;
  };
  return { value: walk(value, basePath), diagnostics };
}
