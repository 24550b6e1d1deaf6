import fs from 'node:fs';

/** The version in package.json, read once (works from src/ under vitest and from dist/). */
export const PLAN_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
