import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/{unit,integration,e2e}/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One temp folder per run, removed at the end (see the file).
    globalSetup: ['tests/helpers/global-temp-dir.ts'],
  },
});
