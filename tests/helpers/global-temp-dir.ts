import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * vitest globalSetup: the temp folders the suites create (projects, databases, the CLI's own
 * files) all go under one folder per test run, through TMPDIR, which the test processes and the
 * CLI subprocesses inherit. It is removed when the run ends, so a run leaves nothing behind.
 */
export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-tests-'));
  process.env.TMPDIR = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
