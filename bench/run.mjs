#!/usr/bin/env node
// The benchmark harness (see bench/README.md). Runs every benchmark, or the ones named:
//
//   node bench/run.mjs [compile-1k compile-10k compile-1k-jinja run-500-views check-flagship simulate-60k simulate-100k watch]
//                      [--reps N] [--no-readme]
//
// Each figure is the median of N (default 3) runs, each in a new process, after one untimed
// warm-up run (file-system cache, target/ present as in day-to-day use). The `plan` binary is
// bin/plan.js (compiled dist/), or PLAN_BIN. Generated projects live under os.tmpdir().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFigures, printTable } from './lib/figures.mjs';
import { copyFlagship, flagshipReady } from './lib/flagship.mjs';
import { measureWatch } from './lib/watch-bench.mjs';
import { NICE, load1, machineInfo, median, removeDatabase, timeCommand } from './lib/measure.mjs';
import { toolProcessEnv } from './lib/process-env.mjs';
import { generateProject, modelName } from './generate-project.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(BENCH_DIR);
const PLAN = path.resolve(process.env.PLAN_BIN ?? path.join(REPO, 'bin', 'plan.js'));

const args = process.argv.slice(2);
const reps = Number(valueOf('--reps') ?? 3);
const writeReadme = !args.includes('--no-readme');
const loads = [];

function valueOf(flag) {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

const plan = (planArgs, options) => timeCommand(process.execPath, [PLAN, ...planArgs], options);
// The direct-DuckDB baselines run with plan's process settings (thread pool, allocator).
const node = (script, scriptArgs, options) =>
  timeCommand(process.execPath, [path.join(BENCH_DIR, script), ...scriptArgs], { ...options, env: { ...toolProcessEnv(), ...options?.env } });
const seconds = (s) => `${s.toFixed(2)} s`;
const list = (values, unit = 's') => values.map((v) => v.toFixed(unit === ' ms' ? 0 : 2)).join(', ') + (unit.startsWith(' ') ? unit : ` ${unit}`);
const measured = () => `${new Date().toISOString().slice(0, 16).replace('T', ' ')} (${load1().toFixed(1)})`;
const status = (ok) => (ok ? 'ok' : 'MISSED');

/** `reps` timed runs of each step, interleaved (a, b, a, b...) so both see the same machine load. */
function repeat(steps) {
  const results = steps.map(() => []);
  for (let i = 0; i < reps; i++) {
    loads.push(load1());
    steps.forEach((step, k) => results[k].push(step()));
  }
  return results;
}

function row(bench, metric, values, target, ok, unit = 's') {
  const m = median(values);
  const shown = unit === 's' ? seconds(m) : `${m.toFixed(unit === ' ms' ? 0 : 2)}${unit}`;
  return { bench, metric, median: shown, target, status: status(ok(m)), runs: list(values, unit), measured: measured() };
}

function compileBench(name, models, limit, { jinja = false } = {}) {
  const project = generateProject({ models, jinja });
  try {
    plan(['compile'], { cwd: project.dir }); // warm-up; also checks the project compiles
    const [runs] = repeat([() => plan(['compile'], { cwd: project.dir })]);
    const wall = runs.map((r) => r.wall);
    return [
      row(name, `plan compile, ${models} models${jinja ? ' with {% set %} (full Jinja path)' : ''} (wall)`, wall, limit ? `< ${limit} s` : 'info', (m) => !limit || m < limit),
      row(name, 'same, CPU time (user+sys)', runs.map((r) => r.cpu), 'info', () => true),
    ];
  } finally {
    fs.rmSync(project.dir, { recursive: true, force: true });
  }
}

function runViewsBench() {
  const name = 'run-500-views';
  const project = generateProject({ models: 500, materialized: 'view' });
  try {
    plan(['compile'], { cwd: project.dir });
    const compiledRoot = path.join(project.dir, 'target', 'compiled', 'bench', 'models');
    const statements = project.order.map((model, i) => ({
      relation: `"main"."${model}"`,
      sql: fs.readFileSync(path.join(compiledRoot, `g${String(Math.floor(i / 100)).padStart(3, '0')}`, `${modelName(i)}.sql`), 'utf8'),
    }));
    const statementsFile = path.join(project.dir, 'statements.json');
    fs.writeFileSync(statementsFile, JSON.stringify(statements));
    // Same file name, so the catalog ("bench") in the compiled SQL resolves in both databases.
    const directDb = path.join(project.dir, 'direct', path.basename(project.dbPath));
    fs.mkdirSync(path.dirname(directDb));
    const toolRun = () => (removeDatabase(project.dbPath), plan(['run'], { cwd: project.dir }));
    const directRun = () => (removeDatabase(directDb), node('direct-views.mjs', [statementsFile, directDb]));
    toolRun(); // warm-up
    directRun();
    const [tool, direct] = repeat([toolRun, directRun]).map((rs) => rs.map((r) => r.wall));
    const ratios = tool.map((t, i) => t / direct[i]);
    return [
      row(name, 'plan run, 500 views (wall)', tool, 'info', () => true),
      row(name, 'direct @duckdb/node-api script (wall)', direct, 'info', () => true),
      row(name, 'plan run / direct', ratios, '<= 1.3x', (m) => m <= 1.3, 'x'),
    ];
  } finally {
    fs.rmSync(project.dir, { recursive: true, force: true });
  }
}

function checkBench() {
  const name = 'check-flagship';
  if (!flagshipReady(REPO)) return [skipped(name, 'plan check on the flagship', '< 1.5 s', 'no flagship project at the repository root yet')];
  const dir = copyFlagship(REPO);
  try {
    try {
      plan(['check'], { cwd: dir });
    } catch (error) {
      return [skipped(name, 'plan check on the flagship', '< 1.5 s', `plan check fails on the flagship: ${firstLine(error)}`)];
    }
    const [runs] = repeat([() => plan(['check'], { cwd: dir })]);
    return [row(name, 'plan check on the flagship (wall)', runs.map((r) => r.wall), '< 1.5 s', (m) => m < 1.5)];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const SIM_YEARS = '2025-2029';

/** A flagship copy whose `plan simulate --years 2025-2026` works, or the reason it does not. */
function simulateProject() {
  if (!flagshipReady(REPO)) return { reason: 'no flagship project at the repository root yet' };
  const dir = copyFlagship(REPO);
  try {
    plan(['simulate', '--years', '2025-2026', '--vars', 'census_size=1000'], { cwd: dir });
    return { dir, db: path.join(dir, 'target', 'simulation.duckdb') };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { reason: `plan simulate --years 2025-2026 fails: ${firstLine(error)}` };
  }
}

function simulateBench(employees, limit, { replay, memoryLimitMB }) {
  const name = `simulate-${employees / 1000}k`;
  const project = simulateProject();
  if (!project.dir) return [skipped(name, `plan simulate ${SIM_YEARS}, ${employees} employees`, `< ${limit} s`, project.reason)];
  const simArgs = ['simulate', '--years', SIM_YEARS, '--vars', `census_size=${employees}`];
  try {
    const toolRun = () => (removeDatabase(project.db), plan(simArgs, { cwd: project.dir }));
    const steps = [toolRun];
    const logFile = path.join(project.dir, 'statements.jsonl');
    const replayDb = path.join(project.dir, 'replay', 'simulation.duckdb');
    if (replay) {
      // One logged run (untimed, doubles as warm-up) gives the statements to replay.
      removeDatabase(project.db);
      plan(simArgs, { cwd: project.dir, env: { PLAN_SQL_LOG: logFile } });
      fs.mkdirSync(path.dirname(replayDb));
      steps.push(() => (removeDatabase(replayDb), node('replay-sql.mjs', [logFile, '--db', replayDb])));
    } else {
      toolRun(); // warm-up
    }
    const [tool, direct] = repeat(steps);
    const rows = [row(name, `plan simulate ${SIM_YEARS}, ${employees} employees (wall)`, tool.map((r) => r.wall), `< ${limit} s`, (m) => m < limit)];
    const rss = tool.map((r) => r.rssMB / 1024);
    rows.push(row(name, 'peak RSS of plan simulate', rss, memoryLimitMB ? `< ${memoryLimitMB / 1024} GB` : 'info', (m) => !memoryLimitMB || m * 1024 < memoryLimitMB, ' GB'));
    if (direct) {
      const ratios = tool.map((t, i) => t.wall / direct[i].wall);
      const statements = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.startsWith('{"t":"sql"')).length;
      rows.push(row(name, `replay of its ${statements} statements via @duckdb/node-api (wall)`, direct.map((r) => r.wall), 'info', () => true));
      rows.push(row(name, 'plan simulate / replay', ratios, '<= 1.2x', (m) => m <= 1.2, 'x'));
    }
    return rows;
  } finally {
    fs.rmSync(project.dir, { recursive: true, force: true });
  }
}

async function watchBench() {
  const name = 'watch';
  const todo = (reason) => [
    skipped(name, 'file write -> start of execution', '< 100 ms', reason),
    skipped(name, 'tool overhead of a one-model rebuild', '< 50 ms', reason),
  ];
  if (!fs.existsSync(path.join(REPO, 'src', 'watch', 'run-watch.ts'))) return todo('TODO: plan watch (src/watch) does not exist yet');
  if (!flagshipReady(REPO)) return todo('no flagship project at the repository root yet');
  const dir = copyFlagship(REPO);
  try {
    const runs = await measureWatch({ plan: PLAN, dir, reps: Math.max(reps, 5) });
    const pick = (key) => runs.map((r) => r[key]);
    const ms = (metric, key, target, ok) => row(name, metric, pick(key), target, ok, ' ms');
    return [
      ms('file event -> start of execution (tool timing, includes debounce)', 'eventToExec', '< 100 ms', (m) => m < 100),
      ms('  of which debounce wait', 'debounce', 'info', () => true),
      ms('tool overhead of a one-model rebuild (total - DuckDB - debounce)', 'overhead', '< 50 ms', (m) => m < 50),
      ms('  of which prepare (re-read, render, graph, diff)', 'prepare', 'info', () => true),
      ms('  DuckDB execution (model + tests)', 'exec', 'info', () => true),
      ms('file write -> timing line printed (measured outside)', 'writeToReport', 'info', () => true),
    ];
  } catch (error) {
    return todo(`plan watch did not give timings (PLAN_WATCH_TIMINGS=1): ${firstLine(error)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function skipped(bench, metric, target, reason) {
  return { bench, metric, median: '-', target, status: `skipped: ${reason.replaceAll('|', '/')}`, runs: '-', measured: measured() };
}

function firstLine(error) {
  const lines = String(error instanceof Error ? error.message : error).split('\n');
  return (lines.find((l) => /error/i.test(l)) ?? lines[1] ?? lines[0]).trim().slice(0, 160);
}

const BENCHES = {
  'compile-1k': () => compileBench('compile-1k', 1000, 0.8),
  'compile-10k': () => compileBench('compile-10k', 10000, 4),
  'compile-1k-jinja': () => compileBench('compile-1k-jinja', 1000, undefined, { jinja: true }),
  'run-500-views': runViewsBench,
  'check-flagship': checkBench,
  'simulate-60k': () => simulateBench(60000, 10, { replay: true }),
  'simulate-100k': () => simulateBench(100000, 20, { replay: false, memoryLimitMB: 2048 }),
  watch: watchBench,
};

const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--reps');
const unknown = named.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
if (!fs.existsSync(PLAN)) {
  process.stderr.write(`${PLAN} not found: run npm run build first (or set PLAN_BIN)\n`);
  process.exit(2);
}
const selected = named.length > 0 ? named : Object.keys(BENCHES);
const machine = machineInfo();
process.stdout.write(`plan benchmarks: ${selected.join(', ')}; ${reps} runs each; ${machine.nproc} cores, node ${machine.node}, load ${load1().toFixed(1)}\n`);
const rows = [];
for (const bench of selected) {
  process.stdout.write(`- ${bench}...\n`);
  const started = performance.now();
  try {
    rows.push(...(await BENCHES[bench]()));
  } catch (error) {
    rows.push(skipped(bench, 'all', '-', `failed: ${firstLine(error)}`));
    process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  }
  process.stdout.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
printTable(rows);
const loadNote = loads.length ? `last run (${selected.join(', ')}): 1-min load average during timed runs: min ${Math.min(...loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)} on ${machine.nproc} cores (above ${machine.nproc} means other work competed for the CPU).` : 'no timed runs.';
const notes = [
  loadNote,
  `binary: ${path.relative(REPO, PLAN)}; ${reps} timed runs per figure, median shown; ${NICE ? `timed processes at nice ${NICE}` : 'normal priority'}; temp projects under ${os.tmpdir()}.`,
];
if (writeReadme) writeFigures(path.join(BENCH_DIR, 'README.md'), rows, machine, selected, notes);
