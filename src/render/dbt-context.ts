import { createHash } from 'node:crypto';
import YAML from 'yaml';
import type { Relation } from '../manifest/types.js';
import { pyJsonDumps } from './jinja/filters/tojson.js';
import { splitArgs } from './jinja/split-args.js';
import { datetimeModule } from './python-datetime.js';
import { RelationObject } from './relation-object.js';

/**
 * The rest of dbt's Jinja context that projects and packages call: fromjson / tojson / fromyaml /
 * toyaml, local_md5, set / set_strict, zip_strict, the as_* casts, try_or_compiler_error,
 * `modules` (datetime, re) and `api` (Relation.create, Column.translate_type).
 * `raise` turns a message into the compiler error of the node being rendered.
 */
export function dbtContextGlobals(defaults: Relation, raise: (message: string) => never): Record<string, unknown> {
  const orDefault =
    <T>(fn: (value: string) => T) =>
    (...raw: unknown[]): T | unknown => {
      const { positional, kwargs } = splitArgs(raw);
      try {
        return fn(String(positional[0]));
      } catch (error) {
        const fallback = positional[1] ?? kwargs.default;
        if (fallback === undefined) raise(error instanceof Error ? error.message : String(error));
        return fallback;
      }
    };
  // Python's sets have no order, so two sets with the same members must compare equal: members
  // that are all strings or all numbers are kept sorted.
  const unique = (value: unknown): unknown[] => {
    const members = [...new Set(Array.isArray(value) ? value : typeof value === 'string' ? [...value] : Object.keys(value ?? {}))];
    if (members.every((m) => typeof m === 'string')) return (members as string[]).sort();
    if (members.every((m) => typeof m === 'number')) return (members as number[]).sort((a, b) => a - b);
    return members;
  };
  return {
    fromjson: orDefault((text) => JSON.parse(text) as unknown),
    fromyaml: orDefault((text) => YAML.parse(text) as unknown),
    tojson: (...raw: unknown[]) => {
      const { positional, kwargs } = splitArgs(raw);
      return pyJsonDumps(positional[0], undefined, Boolean(positional[2] ?? kwargs.sort_keys ?? false));
    },
    toyaml: (...raw: unknown[]) => {
      const { positional, kwargs } = splitArgs(raw);
      return YAML.stringify(positional[0], { sortMapEntries: Boolean(positional[2] ?? kwargs.sort_keys ?? false) });
    },
    local_md5: (text: unknown) => createHash('md5').update(String(text)).digest('hex'),
    set: (value: unknown) => {
      try {
        return unique(value);
      } catch {
        return null;
      }
    },
    set_strict: (value: unknown) => unique(value),
    zip_strict: (...lists: unknown[][]) => {
      const length = Math.min(...lists.map((l) => l.length));
      return Array.from({ length }, (_, i) => lists.map((l) => l[i]));
    },
    as_bool: (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() === 'true' : Boolean(value)),
    as_number: (value: unknown) => Number(value),
    as_text: (value: unknown) => (value === null || value === undefined ? '' : String(value)),
    as_native: (value: unknown) => {
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    },
    try_or_compiler_error: (message: unknown, fn: unknown, ...args: unknown[]) => {
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } catch {
        return raise(String(message));
      }
    },
    modules: { datetime: datetimeModule(splitArgs), re: reModule() },
    api: {
      Relation: {
        add_ephemeral_prefix: (name: unknown) => `__dbt__cte__${String(name)}`,
        create: (...raw: unknown[]) => {
          const { positional, kwargs } = splitArgs(raw);
          const pick = (i: number, key: string, fallback: string): string => String(positional[i] ?? kwargs[key] ?? fallback);
          return new RelationObject({ database: pick(0, 'database', defaults.database), schema: pick(1, 'schema', defaults.schema), identifier: pick(2, 'identifier', '') });
        },
      },
      Column: {
        translate_type: (type: unknown) => TYPE_NAMES[String(type).toLowerCase()] ?? String(type),
        create: (name: unknown, dtype: unknown) => ({ name: String(name), column: String(name), data_type: String(dtype), dtype: String(dtype), quoted: `"${String(name)}"` }),
      },
    },
  };
}

/** api.Column.translate_type: dbt's generic names -> DuckDB's. */
const TYPE_NAMES: Readonly<Record<string, string>> = { string: 'VARCHAR', text: 'VARCHAR', integer: 'INTEGER', int: 'INTEGER', bigint: 'BIGINT', float: 'FLOAT', boolean: 'BOOLEAN', timestamp: 'TIMESTAMP' };

/** Python's `re` for the common calls; patterns are read as JavaScript regular expressions. */
function reModule(): Record<string, unknown> {
  const IGNORECASE = 2;
  const MULTILINE = 8;
  const DOTALL = 16;
  const compile = (pattern: unknown, flags: unknown = 0, global = false): RegExp => {
    const f = Number(flags);
    return new RegExp(String(pattern), `${global ? 'g' : ''}${f & IGNORECASE ? 'i' : ''}${f & MULTILINE ? 'm' : ''}${f & DOTALL ? 's' : ''}`);
  };
  const matchObject = (m: RegExpExecArray | null): unknown =>
    m && { group: (i: unknown = 0) => m[Number(i)] ?? null, groups: () => m.slice(1), start: () => m.index, end: () => m.index + m[0].length, string: m.input };
  return {
    IGNORECASE,
    I: IGNORECASE,
    MULTILINE,
    M: MULTILINE,
    DOTALL,
    S: DOTALL,
    match: (pattern: unknown, text: unknown, flags?: unknown) => {
      const m = compile(pattern, flags).exec(String(text));
      return m && m.index === 0 ? matchObject(m) : null;
    },
    search: (pattern: unknown, text: unknown, flags?: unknown) => matchObject(compile(pattern, flags).exec(String(text))),
    fullmatch: (pattern: unknown, text: unknown, flags?: unknown) => matchObject(compile(`^(?:${String(pattern)})$`, flags).exec(String(text))),
    findall: (pattern: unknown, text: unknown, flags?: unknown) => [...String(text).matchAll(compile(pattern, flags, true))].map((m) => (m.length > 2 ? m.slice(1) : (m[1] ?? m[0]))),
    sub: (pattern: unknown, replacement: unknown, text: unknown, count: unknown = 0, flags?: unknown) => {
      const all = Number(count) === 0;
      return String(text).replace(compile(pattern, flags, all), String(replacement).replace(/\\(\d)/g, '$$$1'));
    },
    split: (pattern: unknown, text: unknown) => String(text).split(compile(pattern)),
    escape: (text: unknown) => String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    compile: (pattern: unknown, flags?: unknown) => {
      const re = compile(pattern, flags);
      return { pattern: String(pattern), match: (t: unknown) => matchObject(re.exec(String(t))?.index === 0 ? re.exec(String(t)) : null), search: (t: unknown) => matchObject(re.exec(String(t))) };
    },
  };
}
