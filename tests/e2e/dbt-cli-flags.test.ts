import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';

/** dbt's command-line flags that CI scripts carry over: --profile, --target-path, -q, colors, and the accepted no-ops. */

describe('dbt command-line flags (e2e)', () => {
  const dir = makeProject({
    'profiles.yml': [
      'test:',
      '  target: dev',
      '  outputs:',
      '    dev: {type: duckdb, path: target/test.duckdb}',
      'other:',
      '  target: ci',
      '  outputs:',
      '    ci: {type: duckdb, path: other.duckdb}',
      '',
    ].join('\n'),
    'models/ok.sql': 'select 1 as id',
    'models/also_ok.sql': "select * from {{ ref('ok') }}",
    'models/schema.yml': 'models:\n  - name: ok\n    columns:\n      - name: id\n        tests: [not_null]\n',
  });
  afterAll(() => removeProject(dir));

  it('--target-path puts artifacts and compiled SQL there; --profile picks another profile', () => {
    const run = runPlan(['build', '--target-path', 'ci_target', '--profile', 'other'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(fs.existsSync(path.join(dir, 'ci_target', 'run_results.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'ci_target', 'compiled', 'test', 'models', 'ok.sql'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'other.duckdb'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'target', 'run_results.json'))).toBe(false);
    const missing = runPlan(['ls', '--profile', 'nope'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(outputOf(missing)).toMatch(/profile 'nope' not found/);
  });

  it('-q prints nothing when everything passes, and only what failed otherwise', () => {
    const quiet = runPlan(['build', '-q'], { cwd: dir });
    expect(quiet.code, outputOf(quiet)).toBe(0);
    expect(quiet.stdout).toBe('');
    fs.writeFileSync(path.join(dir, 'models', 'also_ok.sql'), 'select * from missing_table');
    const failing = runPlan(['build', '--quiet'], { cwd: dir });
    expect(failing.code).toBe(1);
    expect(failing.stdout).not.toMatch(/\bOK\b.*\bok\b/);
    expect(failing.stdout).toMatch(/ERROR +view +also_ok/);
    expect(failing.stdout).toMatch(/Finished with errors/);
    fs.writeFileSync(path.join(dir, 'models', 'also_ok.sql'), "select * from {{ ref('ok') }}");
  });

  it('--use-colors colors a pipe; --no-use-colors never colors', () => {
    expect(runPlan(['build'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain('\u001b[32m');
    expect(runPlan(['build', '--use-colors'], { cwd: dir }).stdout).toContain('\u001b[32m');
    expect(runPlan(['build', '--no-use-colors'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('accepts the flags that only steer dbt itself; --log-format json is a clear error', () => {
    const run = runPlan(['build', '--no-partial-parse', '--no-version-check', '--log-level', 'debug', '--log-path', 'logs', '--no-print', '--log-format', 'text'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    const json = runPlan(['build', '--log-format', 'json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(outputOf(json)).toMatch(/--log-format json is not supported/);
  });

  it('parse writes manifest.json without a database and exits 2 on a broken project', () => {
    const run = runPlan(['parse', '--target-path', 'parsed'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'parsed', 'manifest.json'), 'utf8')) as { nodes: Record<string, unknown> };
    expect(Object.keys(manifest.nodes)).toEqual(expect.arrayContaining(['model.test.ok', 'model.test.also_ok']));
    expect(fs.existsSync(path.join(dir, 'parsed', 'compiled'))).toBe(false);
    fs.writeFileSync(path.join(dir, 'models', 'broken.sql'), "select * from {{ ref('nowhere') }}");
    const broken = runPlan(['parse'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(outputOf(broken)).toMatch(/models\/broken\.sql.*nowhere/);
    fs.rmSync(path.join(dir, 'models', 'broken.sql'));
  });

  it('--empty builds every model with its columns and no rows; refs print as the limit-0 subquery dbt writes', () => {
    fs.mkdirSync(path.join(dir, 'seeds'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'seeds', 'people.csv'), 'id,name\n1,ann\n2,bo\n');
    fs.writeFileSync(path.join(dir, 'models', 'names.sql'), "select id, upper(name) as name from {{ ref('people') }}");
    try {
      const run = runPlan(['build', '--empty', '--target-path', 'empty_target'], { cwd: dir });
      expect(run.code, outputOf(run)).toBe(0);
      const compiled = fs.readFileSync(path.join(dir, 'empty_target', 'compiled', 'test', 'models', 'names.sql'), 'utf8');
      expect(compiled.trim()).toBe('select id, upper(name) as name from (select * from "test"."main"."people" where false limit 0) _dbt_limit_subq_people');
      const counts = runPlan(['show', '--inline', "select (select count(*) from {{ ref('people') }}) as people, (select count(*) from {{ ref('names') }}) as names", '--output', 'json'], { cwd: dir });
      expect(counts.code, outputOf(counts)).toBe(0);
      expect((JSON.parse(counts.stdout) as { rows: unknown[] }).rows).toEqual([{ people: 2, names: 0 }]);
    } finally {
      fs.rmSync(path.join(dir, 'seeds', 'people.csv'));
      fs.rmSync(path.join(dir, 'models', 'names.sql'));
    }
  });

  it('--resource-type and --exclude-resource-type keep or drop node types (build, test, ls)', () => {
    const models = runPlan(['build', '--resource-type', 'model'], { cwd: dir });
    expect(models.code, outputOf(models)).toBe(0);
    expect(models.stdout).toMatch(/Running 2 nodes/);
    expect(models.stdout).not.toMatch(/ test /);
    const noTests = runPlan(['build', '--exclude-resource-type', 'test'], { cwd: dir });
    expect(noTests.stdout).toMatch(/Running 2 nodes/);
    const tests = runPlan(['ls', '--resource-type', 'test', '--output', 'name'], { cwd: dir });
    expect(tests.stdout.trim().split('\n')).toEqual(['not_null_ok_id']);
    const bad = runPlan(['ls', '--exclude-resource-type', 'widget'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(outputOf(bad)).toMatch(/unknown resource type 'widget'/);
  });
});
