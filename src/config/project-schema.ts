import { z } from 'zod';

const paths = z.array(z.string(), { error: 'expected a list of folder names' });
const hooks = z.union([z.string(), z.array(z.string())], { error: 'expected SQL text or a list of SQL statements' }).nullable();
const tree = z.record(z.string(), z.unknown(), { error: 'expected a mapping of project/folder names and +configs' }).nullable();

/** project.yml / dbt_project.yml. Keys are dbt's; the ones plan ignores are accepted so dbt projects load. */
export const projectFileSchema = z.strictObject({
  name: z.string(),
  version: z.union([z.string(), z.number()]).optional(),
  'config-version': z.number().optional(),
  profile: z.string().optional(),
  'model-paths': paths.optional(),
  'seed-paths': paths.optional(),
  'macro-paths': paths.optional(),
  'test-paths': paths.optional(),
  'analysis-paths': paths.optional(),
  'snapshot-paths': paths.optional(),
  'docs-paths': paths.optional(),
  'asset-paths': paths.optional(),
  'function-paths': paths.optional(),
  'target-path': z.string().optional(),
  'clean-targets': paths.optional(),
  'packages-install-path': z.string().optional(),
  'log-path': z.string().optional(),
  vars: z.record(z.string(), z.unknown(), { error: 'expected a mapping of variable names to values' }).nullable().optional(),
  'on-run-start': hooks.optional(),
  'on-run-end': hooks.optional(),
  'require-dbt-version': z.union([z.string(), z.array(z.string())]).optional(),
  quoting: z.record(z.string(), z.unknown()).optional(),
  models: tree.optional(),
  seeds: tree.optional(),
  data_tests: tree.optional(),
  tests: tree.optional(),
  sources: tree.optional(),
  unit_tests: tree.optional(),
  snapshots: tree.optional(),
  analyses: tree.optional(),
  exposures: tree.optional(),
  metrics: tree.optional(),
  'semantic-models': tree.optional(),
  'saved-queries': tree.optional(),
  functions: tree.optional(),
  flags: z.record(z.string(), z.unknown()).optional(),
  dispatch: z.array(z.unknown()).optional(),
  'query-comment': z.unknown().optional(),
  'restrict-access': z.boolean().optional(),
  'dbt-cloud': z.record(z.string(), z.unknown()).optional(),
});

export type ProjectFile = z.output<typeof projectFileSchema>;
