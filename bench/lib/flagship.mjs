// A copy of the flagship project (the repository root) in a temp folder, so benchmarks never touch
// the repository's target/ or hold a lock on its database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PARTS = ['project.yml', 'profiles.yml', 'models', 'seeds', 'macros', 'scenarios', path.join('tests', 'data')];

export function flagshipReady(repo) {
  return fs.existsSync(path.join(repo, 'project.yml')) && fs.existsSync(path.join(repo, 'models'));
}

export function copyFlagship(repo) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-bench-flagship-'));
  for (const part of PARTS) {
    const from = path.join(repo, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, part), { recursive: true });
  }
  return dir;
}
