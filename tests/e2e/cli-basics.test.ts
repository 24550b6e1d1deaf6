import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoStack, makeProject, output, plan, removeProject, REPO_ROOT, runPlan, writeFile } from './helpers.js';

const COMMANDS = ['build', 'run', 'seed', 'test', 'compile', 'parse', 'ls', 'show', 'clean', 'debug'];

describe('help and invocation errors', () => {
  it('--help works on every command and names its options', () => {
    const dir = os.tmpdir();
    const top = plan(dir, '--help');
    expect(top.code).toBe(0);
    for (const c of COMMANDS) expect(top.stdout).toContain(c);
    for (const c of COMMANDS) {
      const run = plan(dir, c, '--help');
      expect(run.code, output(run)).toBe(0);
      expect(run.stdout).toContain(`Usage: plan ${c}`);
      expect(run.stdout).toContain('--project-dir');
      expect(run.stdout).toContain('--profiles-dir');
    }
    const build = plan(dir, 'build', '--help').stdout;
    for (const flag of ['--target', '--vars', '--select', '--exclude', '--threads', '--full-refresh', '--fail-fast', '--debug']) expect(build).toContain(flag);
  });

  it('exits 2 on no command, an unknown command, an unknown option and a bad --threads', () => {
    const dir = makeProject({});
    try {
      expect(plan(dir).code).toBe(2);
      const unknown = plan(dir, 'bild');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("unknown command 'bild'");
      expect(plan(dir, 'run', '--no-such-flag').code).toBe(2);
      const threads = plan(dir, 'run', '--threads', 'zero');
      expect(threads.code, output(threads)).toBe(2);
      expect(threads.stderr).toContain('--threads');
      expectNoStack(threads);
    } finally {
      removeProject(dir);
    }
  });
});

describe('project and profile location', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject({
      'models/a.sql': "select '{{ target.name }}' as t, {{ var('n', 0) }} as n",
      'profiles.yml': [
        'test:',
        '  target: dev',
        '  outputs:',
        '    dev:',
        '      type: duckdb',
        '      path: target/dev.duckdb',
        '      threads: 2',
        '    prod:',
        '      type: duckdb',
        '      path: target/prod.duckdb',
        '      threads: 1',
      ].join('\n'),
    });
  });
  afterAll(() => removeProject(dir));

  it('--project-dir, --profiles-dir and --target pick the files and the output', () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-cwd-'));
    const profiles = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-profiles-'));
    fs.writeFileSync(path.join(profiles, 'profiles.yml'), 'test:\n  target: other\n  outputs:\n    other:\n      type: duckdb\n      path: target/other.duckdb\n');
    try {
      const run = plan(elsewhere, 'run', '--project-dir', dir, '--target', 'prod');
      expect(run.code, output(run)).toBe(0);
      expect(fs.existsSync(path.join(dir, 'target/prod.duckdb'))).toBe(true);
      expect(run.stdout).toContain('with 1 thread');

      const viaProfiles = plan(elsewhere, 'compile', '-s', 'a', '--project-dir', dir, '--profiles-dir', profiles);
      expect(viaProfiles.code, output(viaProfiles)).toBe(0);
      expect(viaProfiles.stdout).toContain("select 'other' as t");

      const badTarget = plan(dir, 'compile', '--target', 'nope');
      expect(badTarget.code).toBe(2);
      expect(badTarget.stderr).toMatch(/target 'nope'/);
      expect(badTarget.stderr).toContain('profiles.yml');
      expectNoStack(badTarget);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
      fs.rmSync(profiles, { recursive: true, force: true });
    }
  });

  it('--vars takes key=value and a YAML/JSON mapping', () => {
    for (const vars of ['n=5', '{n: 5}', '{"n": 5}']) {
      const run = plan(dir, 'compile', '-s', 'a', '--vars', vars);
      expect(run.code, output(run)).toBe(0);
      expect(run.stdout).toContain('5 as n');
    }
    const bad = plan(dir, 'compile', '--vars', '{n: [1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--vars');
    expectNoStack(bad);
  });

  it('debug reports the files in use and connects; clean removes target/', () => {
    const run = plan(dir, 'debug');
    expect(run.code, output(run)).toBe(0);
    expect(run.stdout).toContain('project.yml');
    expect(run.stdout).toContain('profiles.yml');
    expect(run.stdout).toContain('connection OK');
    writeFile(dir, 'target/junk.txt', 'x');
    const clean = plan(dir, 'clean');
    expect(clean.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'target'))).toBe(false);
  });
});

describe('console output', () => {
  it('never colors when stdout is not a TTY or NO_COLOR is set; colors on a TTY', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1 as x' });
    try {
      const plain = runPlan(['run'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '' } });
      expect(plain.code, output(plain)).toBe(0);
      expect(plain.stdout).not.toContain('\x1b[');
      // a pseudo-terminal through script(1): colored, unless NO_COLOR is set
      const tty = (noColor: string): string => {
        const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(REPO_ROOT, 'bin/plan.js'))} run`;
        const env = { ...process.env, NO_COLOR: noColor, FORCE_COLOR: '' };
        return spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, env, encoding: 'utf8' }).stdout;
      };
      expect(tty('')).toContain('\x1b[');
      expect(tty('1')).not.toContain('\x1b[');
    } finally {
      removeProject(dir);
    }
  });
});
