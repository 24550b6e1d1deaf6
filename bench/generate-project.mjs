#!/usr/bin/env node
// Writes a synthetic `plan` project of N models into a folder (a temp folder by default).
//
//   node bench/generate-project.mjs --models 1000 [--out DIR] [--materialized view] [--depth 4] [--jinja]
//
// --jinja adds a `{% set %}` to every model, which sends it down the full nunjucks path instead of
// the fast path for plain `{{ call('literal') }}` templates (src/render/jinja/simple-program.ts).
// Shape: three root models select from range(); every other model sits in one of `depth` layers and
// refs three distinct models of the layer below it and calls the macro `scaled()`. Depth is bounded
// because DuckDB binds a view by expanding every view it reads, so a deep chain of 3-way joins of
// views costs 3^depth bindings per view: the bench measures the tool, not that blow-up.
// Models live 100 to a folder (models/g000/m_00000.sql ...), as in a real project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOTS = 3;
const PER_FOLDER = 100;

/** Model names in topological order (index order is a valid build order). */
export function modelName(i) {
  return `m_${String(i).padStart(5, '0')}`;
}

/** A small deterministic PRNG (mulberry32), so every run generates the same project. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The layer of each model and, for non-roots, its three parents (indices), deterministically. */
export function projectShape(models, depth) {
  const random = prng(42);
  const layers = [[...Array(Math.min(ROOTS, models)).keys()]];
  const rest = Math.max(0, models - ROOTS);
  const width = Math.max(1, Math.ceil(rest / depth));
  const parents = new Map();
  for (let i = ROOTS; i < models; i++) {
    const layer = 1 + Math.floor((i - ROOTS) / width);
    layers[layer] ??= [];
    layers[layer].push(i);
    const below = layers[layer - 1];
    const picked = new Set();
    while (picked.size < Math.min(3, below.length)) picked.add(below[Math.floor(random() * below.length)]);
    parents.set(i, [...picked]);
  }
  return { parents };
}

function folderOf(i) {
  return `g${String(Math.floor(i / PER_FOLDER)).padStart(3, '0')}`;
}

function rootSql(i) {
  return `-- root model ${i}\nselect range as id, ${i} as v\nfrom range(10)\n`;
}

function modelSql(parentNames, jinja) {
  const [a, b, c] = parentNames;
  return (
    `-- ${parentNames.length} refs and a macro call\n` +
    (jinja ? `{% set factor = 2 %}\nselect a.id, {{ scaled('a.v', factor) }} + b.v + c.v as v\n` : `select a.id, {{ scaled('a.v', 2) }} + b.v + c.v as v\n`) +
    `from {{ ref('${a}') }} as a\n` +
    `join {{ ref('${b ?? a}') }} as b on a.id = b.id\n` +
    `join {{ ref('${c ?? a}') }} as c on a.id = c.id\n`
  );
}

/**
 * Write the project; returns { dir, models, dbPath, order } where order is the model names in
 * a valid build order.
 */
export function generateProject({ models, out, materialized = 'view', depth = 4, jinja = false }) {
  const dir = out ?? fs.mkdtempSync(path.join(os.tmpdir(), `plan-bench-${models}-`));
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'bench.duckdb');
  fs.writeFileSync(
    path.join(dir, 'project.yml'),
    [
      'name: bench',
      'profile: bench',
      'model-paths: [models]',
      'macro-paths: [macros]',
      'target-path: target',
      'models:',
      '  bench:',
      `    +materialized: ${materialized}`,
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'profiles.yml'),
    ['bench:', '  target: dev', '  outputs:', '    dev:', '      type: duckdb', `      path: ${JSON.stringify(dbPath)}`, '      threads: 1', ''].join('\n'),
  );
  fs.mkdirSync(path.join(dir, 'macros'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'macros', 'scaled.sql'), '{% macro scaled(column, factor) %}({{ column }} * {{ factor }}){% endmacro %}\n');

  const { parents } = projectShape(models, depth);
  const order = [];
  for (let i = 0; i < models; i++) {
    const folder = path.join(dir, 'models', folderOf(i));
    if (i % PER_FOLDER === 0) fs.mkdirSync(folder, { recursive: true });
    const sql = i < ROOTS ? rootSql(i) : modelSql(parents.get(i).map(modelName), jinja);
    fs.writeFileSync(path.join(folder, `${modelName(i)}.sql`), sql);
    order.push(modelName(i));
  }
  return { dir, models, dbPath, order };
}

function parseArgs(argv) {
  const options = { models: 1000, materialized: 'view', depth: 4 };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--models') options.models = Number(value);
    else if (key === '--out') options.out = path.resolve(value);
    else if (key === '--materialized') options.materialized = value;
    else if (key === '--depth') options.depth = Number(value);
    else if (key === '--jinja') {
      options.jinja = true;
      continue;
    }
    else throw new Error(`unknown argument ${key} (expected --models N, --out DIR, --materialized KIND, --depth D, --jinja)`);
    i++;
  }
  if (!Number.isInteger(options.models) || options.models < 1) throw new Error('--models must be a whole number of at least 1');
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = generateProject(parseArgs(process.argv.slice(2)));
  process.stdout.write(`${result.dir}\n`);
}
