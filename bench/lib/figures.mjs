// The figures table: printed to the terminal and written between markers in bench/README.md.
// Rows of benchmarks not run this time are kept from the previous README.
import fs from 'node:fs';

const START = '<!-- figures:start (written by bench/run.mjs; do not edit by hand) -->';
const END = '<!-- figures:end -->';
const HEADER = ['bench', 'metric', 'median', 'target', 'status', 'runs', 'measured (1-min load)'];

export function formatRow(row) {
  return [row.bench, row.metric, row.median, row.target, row.status, row.runs, row.measured];
}

function markdownTable(rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map((r) => line(formatRow(r)))].join('\n');
}

export function printTable(rows) {
  const cells = [HEADER, ...rows.map(formatRow)];
  const widths = HEADER.map((_, i) => Math.max(...cells.map((c) => String(c[i]).length)));
  for (const c of cells) process.stdout.write(`${c.map((v, i) => String(v).padEnd(widths[i])).join('  ')}\n`);
}

function previousRows(text) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < 0) return [];
  return text
    .slice(start, end)
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| bench |') && !l.startsWith('| ---'))
    .map((l) => l.slice(2, -2).split(' | '))
    .filter((c) => c.length === HEADER.length)
    .map(([bench, metric, median, target, status, runs, measured]) => ({ bench, metric, median, target, status, runs, measured }));
}

/** Replace the figures section: new rows for the benches run now, earlier rows for the others. */
export function writeFigures(readmePath, rows, machine, ranBenches, notes) {
  const text = fs.readFileSync(readmePath, 'utf8');
  const kept = previousRows(text).filter((r) => !ranBenches.includes(r.bench));
  const order = (r) => r.bench;
  const all = [...kept, ...rows].sort((a, b) => order(a).localeCompare(order(b)));
  const section = [
    START,
    `Last run: ${machine.date} on ${machine.nproc} cores (${machine.cpu}, ${machine.memGB} GB), node ${machine.node}.`,
    '',
    markdownTable(all),
    '',
    ...notes.map((n) => `- ${n}`),
    END,
  ].join('\n');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next = start >= 0 && end >= 0 ? text.slice(0, start) + section + text.slice(end + END.length) : `${text.trimEnd()}\n\n## Figures\n\n${section}\n`;
  fs.writeFileSync(readmePath, next);
}
