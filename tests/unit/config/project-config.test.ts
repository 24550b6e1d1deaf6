import { describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../../src/config/project-config.js';
import { formatDiagnostic } from '../../../src/errors/diagnostic.js';
import { writeProject } from './helpers.js';

describe('loadProjectConfig', () => {
  it('reads project.yml with defaults', () => {
    const dir = writeProject({ 'project.yml': 'name: flagship\n' });
    const { value, diagnostics } = loadProjectConfig(dir);
    expect(diagnostics).toEqual([]);
    expect(value).toMatchObject({
      configFile: 'project.yml',
      flavor: 'plan',
      name: 'flagship',
      profile: 'flagship',
      modelPaths: ['models'],
      seedPaths: ['seeds'],
      macroPaths: ['macros'],
      testPaths: ['tests'],
      targetPath: 'target',
      onRunStart: [],
      models: {},
    });
  });

  it('falls back to dbt_project.yml and reads its keys', () => {
    const dir = writeProject({
      'dbt_project.yml': [
        'name: shop',
        "version: '1.0'",
        'config-version: 2',
        'profile: warehouse',
        'model-paths: [transform]',
        'test-paths: [tests/data]',
        'on-run-start: "select 1"',
        'on-run-end: ["select 2", "select 3"]',
        'vars:',
        '  start: 2020',
        '  shop:',
        '    start: 2021',
        '    region: eu',
        'data_tests:',
        '  +severity: warn',
      ].join('\n'),
    });
    const { value, diagnostics } = loadProjectConfig(dir);
    expect(diagnostics).toEqual([]);
    expect(value).toMatchObject({
      configFile: 'dbt_project.yml',
      flavor: 'dbt',
      profile: 'warehouse',
      version: '1.0',
      modelPaths: ['transform'],
      testPaths: ['tests/data'],
      onRunStart: ['select 1'],
      onRunEnd: ['select 2', 'select 3'],
      vars: { start: 2021, region: 'eu' },
      dataTests: { '+severity': 'warn' },
    });
  });

  it('says so when neither file exists', () => {
    const { value, diagnostics } = loadProjectConfig(writeProject({ 'x.txt': '' }));
    expect(value).toBeUndefined();
    expect(diagnostics[0].message).toMatch(/project\.yml or dbt_project\.yml/);
  });

  it('makes unknown keys errors in project.yml, with line and did-you-mean, collecting all', () => {
    const dir = writeProject({ 'project.yml': 'name: flagship\nprofile: p\nmodle-paths: [m]\nseed-pathz: [s]\n' });
    const { diagnostics } = loadProjectConfig(dir);
    expect(formatDiagnostic(diagnostics[0])).toBe("project.yml:3: error: unknown key 'modle-paths' (did you mean 'model-paths'?)");
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'project.yml', line: 3 });
    expect(diagnostics[0].message).toBe("unknown key 'modle-paths' (did you mean 'model-paths'?)");
    expect(diagnostics[1]).toMatchObject({ severity: 'error', line: 4 });
    expect(diagnostics[1].message).toContain("did you mean 'seed-paths'?");
  });

  it('makes unknown keys warnings in dbt_project.yml and still loads', () => {
    const dir = writeProject({ 'dbt_project.yml': 'name: shop\nmodle-paths: [m]\n' });
    const { value, diagnostics } = loadProjectConfig(dir);
    expect(value?.name).toBe('shop');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', line: 2 });
  });

  it('reports wrong value types with expected and found', () => {
    const dir = writeProject({ 'project.yml': 'name: flagship\nmodel-paths: models\n' });
    const { diagnostics } = loadProjectConfig(dir);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', line: 2 });
    expect(diagnostics[0].message).toMatch(/model-paths: expected a list of folder names, found the string 'models'/);
  });

  it('reports a missing name and a bad project name', () => {
    expect(loadProjectConfig(writeProject({ 'project.yml': 'profile: x\n' })).diagnostics[0].message).toMatch(/missing required key 'name'/);
    const bad = loadProjectConfig(writeProject({ 'project.yml': 'name: my-project\n' }));
    expect(bad.diagnostics[0]).toMatchObject({ code: 'config.invalid_name', line: 1 });
  });

  it('checks +configs in the trees: errors in project.yml with the key path', () => {
    const dir = writeProject({
      'project.yml': ['name: flagship', 'models:', '  flagship:', '    staging:', '      +materailized: view', '      +tags: [a]', '    marts:', '      materialized: table', '      +on_schema_change: explode'].join('\n'),
    });
    const { diagnostics } = loadProjectConfig(dir);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', line: 5 });
    expect(diagnostics[0].message).toBe("models.flagship.staging.+materailized: unknown model config '+materailized' (did you mean '+materialized'?)");
    expect(diagnostics[1]).toMatchObject({ severity: 'error', line: 9 });
    expect(diagnostics[1].message).toMatch(/on_schema_change: expected one of 'ignore'.*found the string 'explode'/);
  });

  it('makes unknown +configs warnings in dbt_project.yml', () => {
    const dir = writeProject({ 'dbt_project.yml': 'name: shop\nmodels:\n  shop:\n    +materailized: view\n' });
    const { diagnostics } = loadProjectConfig(dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', line: 4 });
  });

  it('renders env_var in string values; unset without default is an error naming var and file', () => {
    const dir = writeProject({ 'project.yml': "name: flagship\nprofile: \"{{ env_var('PLAN_TEST_PROFILE', 'fallback') }}\"\ntarget-path: \"{{ env_var('PLAN_TEST_UNSET_XYZ') }}\"\n" });
    const { value, diagnostics } = loadProjectConfig(dir, {});
    expect(value?.profile).toBe('fallback');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'project.yml', line: 3 });
    expect(diagnostics[0].message).toMatch(/PLAN_TEST_UNSET_XYZ/);
  });

  it('rejects both tests and data_tests', () => {
    const dir = writeProject({ 'project.yml': 'name: f\ntests: {}\ndata_tests: {}\n' });
    expect(loadProjectConfig(dir).diagnostics.map((d) => d.code)).toContain('config.duplicate_key');
  });
});

describe('loadProjectConfig on a typical dbt project', () => {
  it('loads without diagnostics, bare configs and nested folders included', () => {
    const dir = writeProject({
      'dbt_project.yml': `name: 'beyond_basics'
version: '1.0.0'
config-version: 2
profile: 'beyond_basics'
model-paths: ["models"]
analysis-paths: ["analyses"]
test-paths: ["tests"]
seed-paths: ["seeds"]
macro-paths: ["macros"]
snapshot-paths: ["snapshots"]
target-path: "target"
clean-targets: ["target", "dbt_packages"]
require-dbt-version: [">=1.5.0", "<1.6.0"]
dbt-cloud:
  project-id: 12
models:
  +labels:
    created_by: dbt
  beyond_basics:
    +persist_docs:
      relation: true
      columns: true
    marts:
      materialized: table
      schema: marts
      tags: ['marts']
      crypto:
        schema: marts_crypto
    staging:
      +materialized: view
      +post-hook: "grant select on {{ this }} to reporter"
seeds:
  beyond_basics:
    +quote_columns: false
    jaffle_shop:
      +column_types: {id: bigint}
`,
    });
    const { value, diagnostics } = loadProjectConfig(dir);
    expect(diagnostics).toEqual([]);
    expect(value?.cleanTargets).toEqual(['target', 'dbt_packages']);
  });
});
