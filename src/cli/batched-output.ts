/**
 * Standard output for a pipe or a file, written in blocks: each write to a pipe is a system call,
 * and a run of 500 views printed 500 lines (~40 ms of the run). Text is passed on when 64 KB
 * gather, 50 ms after the first unwritten line, when the command returns and at process exit.
 * A terminal is given every line at once instead (main.ts does not wrap it). Whatever goes to
 * standard error first flushes what is pending here (flushingFirst), so a log that gathers both
 * streams (2>&1, CI) keeps their order.
 */
export interface BatchedOutput extends NodeJS.WriteStream {
  flush(): void;
}

const FLUSH_BYTES = 64 * 1024;
const FLUSH_DELAY_MS = 50;

export function batchedOutput(target: NodeJS.WriteStream): BatchedOutput {
  let pending: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (size === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    target.write(text);
  };
  process.on('exit', flush);

  // Only write() is used on stdout by plan; the rest of the stream interface comes from the target.
  return Object.assign(Object.create(target) as NodeJS.WriteStream, {
    write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      pending.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      size += chunk.length;
      if (size >= FLUSH_BYTES) flush();
      else timer ??= setTimeout(flush, FLUSH_DELAY_MS);
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    },
    flush,
  });
}

/** `target`, but every write first flushes `before` (stderr after stdout lines, in order). */
export function flushingFirst(target: NodeJS.WriteStream, before: BatchedOutput): NodeJS.WriteStream {
  return Object.assign(Object.create(target) as NodeJS.WriteStream, {
    write(...args: Parameters<NodeJS.WriteStream['write']>): boolean {
      before.flush();
      return target.write(...(args as [string]));
    },
  });
}
