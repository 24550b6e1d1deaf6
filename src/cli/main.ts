import { invoke } from './invoke.js';

/** The `plan` binary: run one command against the process's streams. */
export async function main(argv: readonly string[]): Promise<number> {
  return invoke(argv, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
}
