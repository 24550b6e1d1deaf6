import { describe, expect, it } from 'vitest';
import { batchedOutput, flushingFirst } from '../../../src/cli/batched-output.js';

function recorder(log: string[], name: string): NodeJS.WriteStream {
  return { write: (text: string) => (log.push(`${name}:${text}`), true), isTTY: false } as unknown as NodeJS.WriteStream;
}

describe('batchedOutput', () => {
  it('holds lines until flushed, then writes them in one block', () => {
    const log: string[] = [];
    const out = batchedOutput(recorder(log, 'out'));
    out.write('a\n');
    out.write('b\n');
    expect(log).toEqual([]);
    out.flush();
    expect(log).toEqual(['out:a\nb\n']);
    out.flush();
    expect(log).toHaveLength(1);
  });

  it('writes on its own shortly after the first held line', async () => {
    const log: string[] = [];
    const out = batchedOutput(recorder(log, 'out'));
    out.write('late\n');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(log).toEqual(['out:late\n']);
  });

  it('keeps stdout and stderr in order: stderr first flushes what stdout holds', () => {
    const log: string[] = [];
    const out = batchedOutput(recorder(log, 'out'));
    const err = flushingFirst(recorder(log, 'err'), out);
    out.write('1/2 OK\n');
    err.write('error: boom\n');
    out.write('2/2 SKIP\n');
    out.flush();
    expect(log).toEqual(['out:1/2 OK\n', 'err:error: boom\n', 'out:2/2 SKIP\n']);
    expect(out.isTTY).toBe(false);
  });
});
