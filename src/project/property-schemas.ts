import { z } from 'zod';

/**
 * zod schemas for the entries of a `version: 2` property file. They accept the keys dbt accepts
 * (so dbt projects load) and reject others. Test lists stay `unknown[]` here: their many shapes
 * are normalized by normalizeTests.
 */
const name = z.union([z.string(), z.number().transform(String)], { error: 'expected a name' });
const text = z.string().nullable().optional();
const tags = z.union([z.string(), z.array(z.string())], { error: 'expected a string or a list of strings' }).nullable().optional();
const mapping = z.record(z.string(), z.unknown(), { error: 'expected a mapping' }).nullable().optional();
const tests = z.array(z.unknown(), { error: 'expected a list of tests' }).nullable().optional();
const docs = z.looseObject({ show: z.boolean().optional(), node_color: z.string().optional() }).nullable().optional();

export const constraintSchema = z.strictObject({
  type: z.enum(['not_null', 'unique', 'primary_key', 'check', 'foreign_key', 'custom']),
  expression: z.union([z.string(), z.number().transform(String)]).optional(),
  name: z.string().optional(),
  columns: z.array(z.string()).optional(),
  warn_unenforced: z.boolean().optional(),
  warn_unsupported: z.boolean().optional(),
  to: z.string().optional(),
  to_columns: z.array(z.string()).optional(),
});

export const columnSchema = z.strictObject({
  name,
  description: text,
  data_type: z.string().nullable().optional(),
  constraints: z.array(constraintSchema).nullable().optional(),
  tests,
  data_tests: tests,
  meta: mapping,
  tags,
  quote: z.boolean().nullable().optional(),
  config: mapping,
  docs,
  granularity: z.string().optional(),
  policy_tags: z.array(z.string()).optional(),
});

export const modelSchema = z.strictObject({
  name,
  description: text,
  config: mapping,
  columns: z.array(z.unknown(), { error: 'expected a list of columns' }).nullable().optional(),
  tests,
  data_tests: tests,
  constraints: z.array(constraintSchema).nullable().optional(),
  docs,
  meta: mapping,
  tags,
  access: z.enum(['private', 'protected', 'public']).optional(),
  group: z.string().optional(),
  latest_version: z.union([z.string(), z.number()]).optional(),
  versions: z.array(z.unknown()).optional(),
  deprecation_date: z.union([z.string(), z.date()]).optional(),
  time_spine: z.unknown().optional(),
});

/** A `snapshots:` entry: a snapshot's properties, or (dbt 1.9) a whole snapshot with `relation:`. */
export const snapshotSchema = modelSchema.extend({ relation: z.string().optional() });

const freshness = z.unknown().optional();

export const sourceTableSchema = z.strictObject({
  name,
  identifier: z.string().optional(),
  description: text,
  columns: z.array(z.unknown(), { error: 'expected a list of columns' }).nullable().optional(),
  tests,
  data_tests: tests,
  config: mapping,
  meta: mapping,
  tags,
  loaded_at_field: z.string().optional(),
  loaded_at_query: z.string().optional(),
  freshness,
  quoting: mapping,
  external: mapping,
  docs,
  loader: z.string().optional(),
});

export const sourceSchema = z.strictObject({
  name,
  description: text,
  database: z.string().optional(),
  schema: z.string().optional(),
  loader: z.string().optional(),
  loaded_at_field: z.string().optional(),
  loaded_at_query: z.string().optional(),
  tables: z.array(z.unknown(), { error: 'expected a list of tables' }).nullable().optional(),
  config: mapping,
  meta: mapping,
  tags,
  freshness,
  quoting: mapping,
  overrides: z.string().optional(),
  event_time: z.string().optional(),
});

export const seedSchema = z.strictObject({
  name,
  description: text,
  config: mapping,
  columns: z.array(z.unknown(), { error: 'expected a list of columns' }).nullable().optional(),
  tests,
  data_tests: tests,
  docs,
  meta: mapping,
  tags,
  group: z.string().optional(),
});

export const macroSchema = z.strictObject({
  name,
  description: text,
  arguments: z.array(z.strictObject({ name, type: z.string().optional(), description: text })).nullable().optional(),
  docs,
  meta: mapping,
});

export const exposureSchema = z.strictObject({
  name,
  label: text,
  type: z.enum(['dashboard', 'notebook', 'analysis', 'ml', 'application'], { error: 'expected one of dashboard, notebook, analysis, ml, application' }),
  owner: z.strictObject({ name: text, email: text }, { error: 'expected a mapping with name and/or email' }),
  depends_on: z.array(z.string(), { error: "expected a list such as [\"ref('orders')\", \"source('shop', 'raw')\"]" }).nullable().optional(),
  description: text,
  url: text,
  maturity: z.enum(['high', 'medium', 'low'], { error: 'expected high, medium or low' }).optional(),
  meta: mapping,
  tags,
  config: mapping,
});

const rows = z.union([z.array(z.record(z.string(), z.unknown())), z.string()], { error: 'expected a list of rows (mappings), or CSV/SQL text' }).nullable().optional();
const format = z.enum(['dict', 'csv', 'sql']).optional();

export const unitTestSchema = z.strictObject({
  name,
  model: z.string(),
  description: text,
  given: z.array(z.strictObject({ input: z.string(), rows, format, fixture: z.string().optional() }), { error: 'expected a list of inputs' }).nullable().optional(),
  expect: z.strictObject({ rows, format, fixture: z.string().optional() }),
  overrides: z.strictObject({ vars: mapping, macros: mapping, env_vars: mapping }).nullable().optional(),
  config: mapping,
  versions: z.unknown().optional(),
});

export const propertyFileSchema = z.strictObject({
  version: z.union([z.number(), z.string()]).optional(),
  models: z.array(z.unknown(), { error: 'expected a list of models' }).nullable().optional(),
  sources: z.array(z.unknown(), { error: 'expected a list of sources' }).nullable().optional(),
  seeds: z.array(z.unknown(), { error: 'expected a list of seeds' }).nullable().optional(),
  macros: z.array(z.unknown(), { error: 'expected a list of macros' }).nullable().optional(),
  unit_tests: z.array(z.unknown(), { error: 'expected a list of unit tests' }).nullable().optional(),
  snapshots: z.array(z.unknown(), { error: 'expected a list of snapshots' }).nullable().optional(),
  exposures: z.array(z.unknown(), { error: 'expected a list of exposures' }).nullable().optional(),
  // accepted and ignored
  metrics: z.unknown().optional(),
  semantic_models: z.unknown().optional(),
  saved_queries: z.unknown().optional(),
  groups: z.unknown().optional(),
  analyses: z.unknown().optional(),
  data_tests: z.unknown().optional(),
  functions: z.unknown().optional(),
});

export type ModelEntry = z.output<typeof modelSchema>;
export type ColumnEntry = z.output<typeof columnSchema>;
