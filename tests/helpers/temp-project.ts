import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A project declared inline as a map of relative path -> contents, written to a fresh temp folder. */
export type ProjectFiles = Readonly<Record<string, string>>;

export const DEFAULT_PROFILE = (name = 'test'): string => `${name}:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: target/test.duckdb
      threads: 2
`;

export function projectYml(name = 'test', extra = ''): string {
  return `name: ${name}\nprofile: ${name}\n${extra}`;
}

/** Write files into a new temp dir (project.yml and profiles.yml get defaults unless given). */
export function makeProject(files: ProjectFiles, options: { withDefaults?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-test-'));
  const all: Record<string, string> = {};
  if (options.withDefaults !== false) {
    all['project.yml'] = projectYml();
    all['profiles.yml'] = DEFAULT_PROFILE();
  }
  Object.assign(all, files);
  for (const [rel, contents] of Object.entries(all)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
  return dir;
}

export function writeFile(dir: string, rel: string, contents: string): void {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, contents);
}

export function removeProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
