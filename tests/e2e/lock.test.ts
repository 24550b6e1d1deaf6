import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStack, makeProject, output, plan, REPO_ROOT, removeProject } from './helpers.js';

/** Opens the database through plan's engine module, says "ready", and holds it until killed. */
const HOLDER = `
const { openEngine } = await import(process.argv[1]);
const engine = await openEngine({ path: process.argv[2], threads: 1 });
await engine.withConnection((c) => c.run('select 1'));
process.stdout.write('ready\\n');
setInterval(() => {}, 1000);
`;

describe('a locked database', () => {
  it('a second process gets one line naming the process holding it', async () => {
    const dir = makeProject({ 'models/a.sql': 'select 1 as x' });
    const engineModule = path.join(REPO_ROOT, 'dist/engine/index.js');
    const holder = spawn(process.execPath, ['--input-type=module', '-e', HOLDER, engineModule, path.join(dir, 'target/test.duckdb')], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      });
      const run = plan(dir, 'run');
      expect(run.code, output(run)).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('target/test.duckdb');
      expect(lines[0]).toContain(`PID ${holder.pid}`);
      expect(lines[0]).toMatch(/in use by another process/);
      expectNoStack(run);
    } finally {
      holder.kill();
      removeProject(dir);
    }
  });
});
