import { batchedOutput, flushingFirst } from './batched-output.js';
import { invoke } from './invoke.js';

/** The `plan` binary: run one command against the process's streams. */
export async function main(argv: readonly string[]): Promise<number> {
  const stdout = process.stdout.isTTY ? undefined : batchedOutput(process.stdout);
  const stderr = stdout ? flushingFirst(process.stderr, stdout) : process.stderr;
  try {
    return await invoke(argv, { stdout: stdout ?? process.stdout, stderr, cwd: process.cwd() });
  } finally {
    stdout?.flush();
  }
}
