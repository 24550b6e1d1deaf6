import type { z } from 'zod';
import type { Diagnostic, Severity } from '../errors/diagnostic.js';
import type { KeyPath, YamlDocument } from './yaml-document.js';
import { didYouMean } from './closest-name.js';
import { describeValue, formatKeyPath, isPlainObject } from './key-path.js';

/** Where the value being checked sits in its yml file. */
export interface CheckContext {
  readonly doc: YamlDocument;
  /** Path of the checked value inside the document. */
  readonly basePath: KeyPath;
  /** Severity of unknown keys: errors in plan's own files, warnings in dbt's. */
  readonly unknownKeys: Severity;
  /** Prefix of diagnostic codes, e.g. 'config' or 'properties'. */
  readonly codePrefix: string;
}

type AnyDef = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType; options?: z.ZodType[] };

function defOf(schema: z.ZodType): AnyDef {
  return (schema as unknown as { _zod: { def: AnyDef } })._zod.def;
}

/** The key names an object schema accepts at `path`, for did-you-mean hints. */
function knownKeysAt(schema: z.ZodType | undefined, path: KeyPath): string[] {
  let current = schema;
  let i = 0;
  while (current) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault') {
      current = def.innerType;
    } else if (def.type === 'pipe') {
      current = def.in;
    } else if (def.type === 'union') {
      current = def.options?.find((o) => defOf(o).type === 'object') ?? def.options?.find((o) => defOf(o).type === 'array');
    } else if (i >= path.length) {
      return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    } else if (def.type === 'object' && def.shape) {
      current = def.shape[String(path[i++])];
    } else if (def.type === 'array') {
      current = def.element;
      i++;
    } else {
      return [];
    }
  }
  return [];
}

function valueAt(value: unknown, path: KeyPath): unknown {
  let v = value;
  for (const segment of path) {
    if (Array.isArray(v) && typeof segment === 'number') v = v[segment];
    else if (isPlainObject(v)) v = v[String(segment)];
    else return undefined;
  }
  return v;
}

function withoutKeys(value: unknown, path: KeyPath, keys: readonly string[]): unknown {
  if (path.length === 0) {
    if (!isPlainObject(value)) return value;
    return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
  }
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number') return value.map((v, i) => (i === head ? withoutKeys(v, rest, keys) : v));
  if (isPlainObject(value)) return { ...value, [String(head)]: withoutKeys(value[String(head)], rest, keys) };
  return value;
}

function issueDiagnostic(issue: z.core.$ZodIssue, value: unknown, ctx: CheckContext): Diagnostic {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const fullPath = [...ctx.basePath, ...path];
  const found = valueAt(value, path);
  const where = { file: ctx.doc.file, line: ctx.doc.lineOf(fullPath) };
  if (found === undefined && path.length > 0) {
    const parent = fullPath.slice(0, -1);
    return {
      severity: 'error',
      code: `${ctx.codePrefix}.missing_key`,
      message: `${formatKeyPath(parent, ctx.doc.value)}: missing required key '${String(path[path.length - 1])}'`,
      file: ctx.doc.file,
      line: ctx.doc.lineOf(parent),
    };
  }
  let expected: string;
  if (!issue.message.startsWith('Invalid')) expected = issue.message;
  else if (issue.code === 'invalid_type') expected = `expected ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
  else if (issue.code === 'invalid_value') expected = `expected one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`;
  else expected = issue.message.replace(/^Invalid input: /, '');
  return {
    severity: 'error',
    code: `${ctx.codePrefix}.invalid_value`,
    message: `${formatKeyPath(fullPath, ctx.doc.value)}: ${expected}, found ${describeValue(found)}`,
    ...where,
  };
}

/**
 * Checks `value` against a strict zod schema and turns every issue into a diagnostic with the
 * file, line and key path. Unknown keys get `ctx.unknownKeys` severity and a did-you-mean hint;
 * when they are the only problems, the value is parsed again without them, so the caller still
 * gets data (and can report further problems) while the diagnostics stop the run.
 */
export function checkWithSchema<S extends z.ZodType>(
  schema: S,
  value: unknown,
  ctx: CheckContext,
): { readonly data: z.output<S> | undefined; readonly diagnostics: readonly Diagnostic[] } {
  const first = schema.safeParse(value);
  if (first.success) return { data: first.data, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  let stripped = value;
  let onlyUnknownKeys = true;
  for (const issue of first.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const fullPath = [...ctx.basePath, ...path, key];
        const hint = didYouMean(key, known);
        diagnostics.push({
          severity: ctx.unknownKeys,
          code: `${ctx.codePrefix}.unknown_key`,
          message: `${fullPath.length > 1 ? `${formatKeyPath(fullPath, ctx.doc.value)}: ` : ''}unknown key '${key}'${hint}`,
          file: ctx.doc.file,
          line: ctx.doc.lineOf(fullPath),
          hint: hint === '' && known.length > 0 ? `accepted keys here: ${known.join(', ')}` : undefined,
        });
      }
      stripped = withoutKeys(stripped, path, issue.keys);
    } else {
      onlyUnknownKeys = false;
      diagnostics.push(issueDiagnostic(issue, value, ctx));
    }
  }
  if (!onlyUnknownKeys) return { data: undefined, diagnostics };
  const second = schema.safeParse(stripped);
  return { data: second.success ? second.data : undefined, diagnostics };
}
