// Timing a command in a new process: wall time (hrtime), peak RSS and CPU time (/usr/bin/time).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/**
 * Timed processes (the tool and its baselines alike) run at nice -10 when we may raise priority
 * (root), so other work on a shared machine disturbs the figures less. PLAN_BENCH_NICE=0 turns it off.
 */
export const NICE = process.env.PLAN_BENCH_NICE === '0' || process.getuid?.() !== 0 ? undefined : (process.env.PLAN_BENCH_NICE ?? '-10');

/**
 * Run `command args` to completion; returns { wall (s), rssMB, cpu (user+sys s), stdout, stderr }.
 * Throws with the end of stderr when the command fails.
 */
export function timeCommand(command, args, { cwd, env } = {}) {
  const statsFile = path.join(os.tmpdir(), `plan-bench-time-${process.pid}.txt`);
  const [cmd0, argv0] = GNU_TIME ? [GNU_TIME, ['-f', '%M %U %S', '-o', statsFile, command, ...args]] : [command, args];
  const [cmd, argv] = NICE ? ['nice', ['-n', NICE, cmd0, ...argv0]] : [cmd0, argv0];
  const started = process.hrtime.bigint();
  const result = spawnSync(cmd, argv, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    fs.rmSync(statsFile, { force: true });
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${command} ${args.join(' ')} (in ${cwd ?? process.cwd()}) exited ${result.status ?? result.signal}:\n${tail}`);
  }
  let rssMB;
  let cpu;
  if (GNU_TIME) {
    const last = fs.readFileSync(statsFile, 'utf8').trim().split('\n').at(-1) ?? '';
    const [kb, user, sys] = last.split(' ').map(Number);
    rssMB = kb / 1024;
    cpu = user + sys;
    fs.rmSync(statsFile, { force: true });
  }
  return { wall, rssMB, cpu, stdout: result.stdout, stderr: result.stderr };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Remove a DuckDB file and its WAL. */
export function removeDatabase(file) {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.wal`, { force: true });
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memGB: (os.totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** 1-minute load average now (a loaded machine inflates every figure). */
export function load1() {
  return os.loadavg()[0];
}
