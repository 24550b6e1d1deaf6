// Drives a real `plan watch` (PLAN_WATCH_TIMINGS=1) on a flagship copy: after the first build,
// rewrite the leaf mart `reps` times and read the `timing:` line each rebuild prints.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { NICE } from './measure.mjs';

const LEAF = path.join('models', 'marts', 'mart_workforce_summary.sql');
const TIMING = /timing: event->exec=(\d+)ms overhead=(\d+)ms debounce=(\d+)ms prepare=(\d+)ms exec=(\d+)ms total=(\d+)ms/;

/**
 * Returns [{ eventToExec, overhead, debounce, prepare, exec, total, writeToReport }] (ms), one per
 * save. `extraArgs` go to plan watch (e.g. ['--debounce', '20']).
 */
export async function measureWatch({ plan, dir, reps, extraArgs = [], startTimeoutMs = 180_000, rebuildTimeoutMs = 60_000 }) {
  const args = [plan, 'watch', '--no-preview', ...extraArgs];
  const [cmd, argv] = NICE ? ['nice', ['-n', NICE, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(cmd, argv, { cwd: dir, env: { ...process.env, PLAN_WATCH_TIMINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let waiter;
  const onData = (chunk) => {
    output += chunk;
    waiter?.();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const exited = new Promise((resolve) => child.on('exit', resolve));

  const waitFor = (test, timeoutMs, what) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`plan watch: no ${what} within ${timeoutMs} ms; output:\n${output.slice(-2000)}`)), timeoutMs);
      const check = () => {
        const found = test();
        if (found !== undefined) {
          clearTimeout(timer);
          waiter = undefined;
          resolve(found);
        }
      };
      waiter = check;
      check();
      exited.then(() => check()).then(() => {
        if (waiter === check) reject(new Error(`plan watch exited early; output:\n${output.slice(-2000)}`));
      });
    });

  try {
    await waitFor(() => (output.includes('watching for changes') ? true : undefined), startTimeoutMs, 'first build');
    const leaf = path.join(dir, LEAF);
    const original = fs.readFileSync(leaf, 'utf8');
    const results = [];
    for (let i = 0; i <= reps; i++) {
      const seen = output.length;
      const writtenAt = performance.now();
      fs.writeFileSync(leaf, `${original}\n-- bench save ${i}\n`);
      const match = await waitFor(() => TIMING.exec(output.slice(seen)) ?? undefined, rebuildTimeoutMs, 'timing line after a save');
      const writeToReport = performance.now() - writtenAt;
      const [eventToExec, overhead, debounce, prepare, exec, total] = match.slice(1).map(Number);
      if (i > 0) results.push({ eventToExec, overhead, debounce, prepare, exec, total, writeToReport }); // the first save warms up
      await waitFor(() => (output.slice(seen).includes('watching for changes') ? true : undefined), rebuildTimeoutMs, 'return to watching');
    }
    fs.writeFileSync(leaf, original);
    return results;
  } finally {
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
