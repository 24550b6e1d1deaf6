import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { PLAN_BIN } from '../helpers/run-cli.js';
import { copyFlagship, removeDir } from './flagship-helpers.js';

/**
 * The live progress line of `plan simulate` on a terminal, through util-linux `script`, which
 * gives the CLI a pseudo-terminal. (Plain per-node lines without a terminal: flagship.test.ts.)
 */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe.skipIf(!hasScript)('plan simulate on a TTY', () => {
  it('rewrites one live line (year, node, elapsed) instead of printing a line per node', () => {
    const dir = copyFlagship();
    dirs.push(dir);
    const command = `'${process.execPath}' '${PLAN_BIN}' simulate --years 2025 --vars '{census_size: 100}'`;
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '200' }, timeout: 90_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/\r\u001b\[Kyear 2025 {2}\d+\/\d+ {2}\S+ {2}\d+\.\ds/);
    expect(run.stdout).not.toMatch(/^\[2025\] +\d+\/\d+ OK /m);
    expect(run.stdout).toContain('Year 2025 done');
    expect(run.stdout).toContain('Summary (mart_workforce_summary, scenario baseline):');
  });
});
