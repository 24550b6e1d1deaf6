import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rebuildTimings } from '../../../src/watch/rebuild-timings.js';
import { WatchPrinter } from '../../../src/watch/watch-printer.js';

function capture(): { printer: WatchPrinter; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { printer: new WatchPrinter(out, false), text: () => text };
}

describe('timing line', () => {
  const t = rebuildTimings({ firstEventAt: 1000, startedAt: 1100, readAt: 1101, renderedAt: 1131, preparedAt: 1135, execStartedAt: 1140, execSeconds: 0.05, previewMs: 5, finishedAt: 1210 });

  it('splits a rebuild into debounce, prepare, DuckDB work and the tool overhead', () => {
    expect(t).toEqual({ eventToExec: 140, overhead: 55, debounce: 100, prepare: 35, read: 1, render: 30, diff: 4, execution: 55, total: 210 });
  });

  it('keeps the format bench/lib/watch-bench.mjs parses', () => {
    const { printer, text } = capture();
    printer.timings(t);
    const bench = /timing: event->exec=(\d+)ms overhead=(\d+)ms debounce=(\d+)ms prepare=(\d+)ms exec=(\d+)ms total=(\d+)ms/;
    expect(bench.exec(text())?.slice(1).map(Number)).toEqual([140, 55, 100, 35, 55, 210]);
  });
});
