import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTarget } from '../../../src/config/load-target.js';
import { writeProject } from './helpers.js';

const PROFILES = `flagship:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: data/dev.duckdb
      threads: 2
      settings:
        memory_limit: 1GB
      extensions: [json, {name: parquet}]
    mem:
      type: duckdb
      path: ":memory:"
    bare:
      type: duckdb
    pg:
      type: postgres
      host: localhost
    env:
      type: duckdb
      path: "{{ env_var('PLAN_T_DB', 'fallback.duckdb') }}"
      threads: "{{ env_var('PLAN_T_THREADS') | int }}"
      schema: "{{ env_var('PLAN_T_MISSING') }}"
`;

function load(target: string | undefined, env: Record<string, string> = {}, extra: Partial<Parameters<typeof loadTarget>[0]> = {}) {
  const projectDir = writeProject({ 'profiles.yml': PROFILES });
  return { projectDir, ...loadTarget({ projectDir, profileName: 'flagship', target, env, homeDir: projectDir, ...extra }) };
}

describe('loadTarget', () => {
  it('reads the default target, path relative to the project dir', () => {
    const { value, diagnostics, projectDir } = load(undefined);
    expect(diagnostics).toEqual([]);
    expect(value).toEqual({
      profileName: 'flagship',
      targetName: 'dev',
      profilesFile: join(projectDir, 'profiles.yml'),
      type: 'duckdb',
      path: join(projectDir, 'data/dev.duckdb'),
      database: 'dev',
      schema: 'main',
      threads: 2,
      settings: { memory_limit: '1GB' },
      extensions: ['json', 'parquet'],
      attach: [],
    });
  });
  it('keeps :memory: and defaults path to <project>/<profile>.duckdb and threads to 1+CPUs capped at 4', () => {
    expect(load('mem').value).toMatchObject({ path: ':memory:', database: 'memory' });
    const bare = load('bare');
    expect(bare.value?.path).toBe(join(bare.projectDir, 'flagship.duckdb'));
    expect(bare.value?.database).toBe('flagship');
    expect(bare.value?.threads).toBeGreaterThanOrEqual(2);
    expect(bare.value?.threads).toBeLessThanOrEqual(4);
  });
  it('reads row_group_size (plan\'s own key) and rejects one below 2048 rows with its line', () => {
    const profiles = 'p:\n  target: grouped\n  outputs:\n    grouped:\n      type: duckdb\n      row_group_size: 32768\n    tiny:\n      type: duckdb\n      row_group_size: 100\n';
    const projectDir = writeProject({ 'profiles.yml': profiles });
    const read = (target: string) => loadTarget({ projectDir, profileName: 'p', target, env: {}, homeDir: projectDir });
    expect(read('grouped').value?.rowGroupSize).toBe(32768);
    expect(load('bare').value?.rowGroupSize).toBeUndefined();
    expect(read('tiny').diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', line: 9, message: 'p.outputs.tiny.row_group_size: expected a whole number of rows, at least 2048, found number 100' }),
    ]);
  });
  it('rejects a non-duckdb type naming the file and key', () => {
    const { value, diagnostics } = load('pg');
    expect(value).toBeUndefined();
    expect(diagnostics[0].message).toBe("flagship.outputs.pg.type: expected 'duckdb', found the string 'postgres'");
    expect(diagnostics[0].file).toMatch(/profiles\.yml$/);
    expect(diagnostics[0].line).toBe(17);
  });
  it('renders env_var; a missing one without default is an error naming it', () => {
    const { value, diagnostics } = load('env', { PLAN_T_THREADS: '3' });
    expect(value?.threads).toBe(3);
    expect(value?.path).toMatch(/fallback\.duckdb$/);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: "error", line: 23 });
    expect(diagnostics[0].message).toMatch(/PLAN_T_MISSING.*profiles\.yml/);
  });
  it('lists the targets and profiles that exist when one is missing', () => {
    expect(load('prod').diagnostics[0].message).toMatch(/target 'prod' not found .*'dev', 'mem', 'bare', 'pg', 'env'/);
    const projectDir = writeProject({ 'profiles.yml': PROFILES });
    const r = loadTarget({ projectDir, profileName: 'flagshp', env: {}, homeDir: projectDir });
    expect(r.diagnostics[0].message).toMatch(/profile 'flagshp' not found.*did you mean 'flagship'.*profiles there: 'flagship'/);
  });
  it('searches profilesDir, then env dirs, then the project dir, then ~/.plan and ~/.dbt', () => {
    const home = writeProject({ '.dbt/profiles.yml': 'flagship:\n  target: a\n  outputs:\n    a: {type: duckdb, path: from_home.duckdb}\n' });
    const projectDir = writeProject({ 'x.txt': '' });
    expect(loadTarget({ projectDir, profileName: 'flagship', env: {}, homeDir: home }).value?.database).toBe('from_home');
    const envDir = writeProject({ 'profiles.yml': 'flagship:\n  target: a\n  outputs:\n    a: {type: duckdb, path: from_env.duckdb}\n' });
    expect(loadTarget({ projectDir, profileName: 'flagship', env: { DBT_PROFILES_DIR: envDir }, homeDir: home }).value?.database).toBe('from_env');
    const explicit = loadTarget({ projectDir, profileName: 'flagship', env: {}, homeDir: home, profilesDir: projectDir });
    expect(explicit.diagnostics[0].message).toMatch(/no profiles\.yml in --profiles-dir/);
    const none = loadTarget({ projectDir, profileName: 'flagship', env: {}, homeDir: projectDir });
    expect(none.diagnostics[0].message).toMatch(/no profiles\.yml found/);
  });
  it("reads dbt-duckdb's attach list: file paths from the project folder, URLs and other types as written", () => {
    const profiles = [
      'p:', '  target: a', '  outputs:', '    a:', '      type: duckdb', '      attach:',
      '        - path: raw/source.duckdb', '          read_only: true',
      '        - {path: /abs/other.db, alias: other, options: {block_size: 16384}}',
      "        - {path: 's3://bucket/x.duckdb', alias: remote}",
      "        - {path: 'dbname=x host=y', type: postgres, alias: pg}",
      '    bad:', '      type: duckdb', '      attach:', '        - {alias: nopath}', '',
    ].join('\n');
    const projectDir = writeProject({ 'profiles.yml': profiles });
    const read = (target: string) => loadTarget({ projectDir, profileName: 'p', target, env: {}, homeDir: projectDir });
    const { value, diagnostics } = read('a');
    expect(diagnostics).toEqual([]);
    const at = (line: number) => ({ declaredAt: { file: join(projectDir, 'profiles.yml'), line } });
    expect(value?.attach).toEqual([
      { path: join(projectDir, 'raw/source.duckdb'), readOnly: true, ...at(7) },
      { path: '/abs/other.db', alias: 'other', options: { block_size: 16384 }, ...at(9) },
      { path: 's3://bucket/x.duckdb', alias: 'remote', ...at(10) },
      { path: 'dbname=x host=y', type: 'postgres', alias: 'pg', ...at(11) },
    ]);
    expect(read('bad').diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 15 })]);
    expect(read('bad').diagnostics[0].message).toBe("p.outputs.bad.attach[0]: missing required key 'path'");
  });
  it('warns about unknown output keys with a did-you-mean', () => {
    const projectDir = writeProject({ 'profiles.yml': 'p:\n  target: a\n  outputs:\n    a: {type: duckdb, threds: 2}\n' });
    const { value, diagnostics } = loadTarget({ projectDir, profileName: 'p', env: {}, homeDir: projectDir });
    expect(value).toBeDefined();
    expect(diagnostics[0]).toMatchObject({ severity: 'warning' });
    expect(diagnostics[0].message).toMatch(/did you mean 'threads'/);
  });
});
