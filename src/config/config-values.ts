import { z } from 'zod';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { ResourceType } from './config-names.js';
import { knownConfigNames, normalizeConfigKey } from './config-names.js';
import { didYouMean } from './closest-name.js';
import { describeValue, formatKeyPath, isPlainObject } from './key-path.js';
import type { CheckContext } from './schema-check.js';

const stringOrList = z.union([z.string(), z.array(z.string())], { error: 'expected a string or a list of strings' });
const hook = z.union([z.string(), z.looseObject({ sql: z.string(), transaction: z.boolean().optional() })]);
const hooks = z.union([hook, z.array(hook)], { error: 'expected SQL text or a list of SQL statements' });
const stringMap = z.record(z.string(), z.string(), { error: 'expected a mapping of names to strings' });
const sqlValue = z.union([z.string(), z.number(), z.boolean()]);
const partitionList = z.array(z.union([sqlValue, z.array(sqlValue)]), { error: 'expected a list of partitions, each a SQL expression or a list of them' });
const mapping = z.record(z.string(), z.unknown(), { error: 'expected a mapping' });

/** Shapes of the configs plan reads. Configs not listed here are kept as written. */
export const CONFIG_VALUE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  enabled: z.boolean(),
  materialized: z.string(),
  tags: stringOrList,
  meta: mapping,
  docs: z.looseObject({ show: z.boolean().optional(), node_color: z.string().optional() }),
  schema: z.string().nullable(),
  database: z.string().nullable(),
  alias: z.string().nullable(),
  pre_hook: hooks,
  post_hook: hooks,
  full_refresh: z.boolean().nullable(),
  column_types: stringMap,
  contract: z.looseObject({ enforced: z.boolean().optional(), alias_types: z.boolean().optional() }),
  unique_key: stringOrList,
  incremental_strategy: z.string(),
  on_schema_change: z.enum(['ignore', 'fail', 'append_new_columns', 'sync_all_columns']),
  partition_by: stringOrList,
  partitions: partitionList,
  severity: z.string().regex(/^(error|warn)$/i, { error: "expected 'error' or 'warn'" }),
  warn_if: z.string(),
  error_if: z.string(),
  where: z.string().nullable(),
  limit: z.number().int().nullable(),
  store_failures: z.boolean().nullable(),
  quote_columns: z.boolean(),
  delimiter: z.string(),
  persist_docs: mapping,
  grants: mapping,
  quoting: mapping,
};

function expectedText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected a ${issue.expected === 'object' ? 'mapping' : issue.expected === 'array' ? 'list' : issue.expected}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * Checks a block of configs (`config:` in a property file, or the `+` keys of one folder in
 * project.yml): unknown names get `ctx.unknownKeys` severity with a did-you-mean, and values of
 * known configs must have the right shape. `ctx.basePath` is the path of the block itself.
 */
/** Jinja text such as `severity: "{{ 'error' if target.name == 'prod' else 'warn' }}"`. */
export function isJinjaText(value: unknown): value is string {
  return typeof value === 'string' && (value.includes('{{') || value.includes('{%'));
}

export function checkConfigBlock(resourceType: ResourceType, config: Readonly<Record<string, unknown>>, ctx: CheckContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = knownConfigNames(resourceType);
  for (const [key, value] of Object.entries(config)) {
    const name = normalizeConfigKey(key);
    const path = [...ctx.basePath, key];
    const where = { file: ctx.doc.file, line: ctx.doc.lineOf(path) };
    if (!known.has(name)) {
      const prefix = key.startsWith('+') ? '+' : '';
      const candidates = [...known].map((k) => prefix + k);
      diagnostics.push({
        severity: ctx.unknownKeys,
        code: `${ctx.codePrefix}.unknown_config`,
        message: `${formatKeyPath(path, ctx.doc.value)}: unknown ${resourceType.replace('_', ' ')} config '${key}'${didYouMean(key, candidates)}`,
        ...where,
        hint: 'check the spelling; configs plan does not know are not applied',
      });
      continue;
    }
    const schema = CONFIG_VALUE_SCHEMAS[name];
    // Jinja (`"{{ var('use_x') }}"`) is rendered when the config reaches a node.
    if (!schema || isJinjaText(value)) continue;
    const result = schema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const sub = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      diagnostics.push({
        severity: 'error',
        code: `${ctx.codePrefix}.invalid_config`,
        message: `${formatKeyPath([...path, ...sub], ctx.doc.value)}: ${expectedText(issue)}, found ${describeValue(sub.reduce<unknown>((v, s) => (isPlainObject(v) || Array.isArray(v) ? (v as Record<string, unknown>)[s] : undefined), value))}`,
        ...where,
      });
    }
  }
  return diagnostics;
}
