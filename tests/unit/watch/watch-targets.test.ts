import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../../src/config/types.js';
import { classifyChange, isIgnoredPath, isWatchedPath, watchTargets } from '../../../src/watch/watch-targets.js';

const config = {
  configFile: 'project.yml',
  modelPaths: ['models'],
  seedPaths: ['seeds'],
  snapshotPaths: ['snapshots'],
  macroPaths: ['macros'],
  testPaths: ['tests/data'],
  docsPaths: [],
  analysisPaths: ['analyses'],
  targetPath: 'target',
} as unknown as ProjectConfig;

const root = path.join(path.sep, 'work', '.hidden', 'proj');
const at = (rel: string): string => path.join(root, ...rel.split('/'));

describe('watchTargets', () => {
  it('watches the project folders (no globs) and the config files', () => {
    const t = watchTargets(root, config, path.join(root, 'profiles.yml'));
    expect(t.folders).toEqual([at('models'), at('seeds'), at('snapshots'), at('macros'), at('tests/data')]);
    expect(t.files).toEqual([at('project.yml'), at('dbt_project.yml'), at('profiles.yml')]);
    expect([...t.folders, ...t.files].some((p) => p.includes('*'))).toBe(false);
  });

  it('adds a profiles.yml that lives elsewhere', () => {
    const t = watchTargets(root, config, '/home/u/.dbt/profiles.yml');
    expect(t.files).toContain(path.resolve('/home/u/.dbt/profiles.yml'));
  });
});

describe('isWatchedPath', () => {
  const targets = watchTargets(root, config, path.join(root, 'profiles.yml'));
  it.each([
    ['', true],
    ['project.yml', true],
    ['dbt_project.yml', true],
    ['models', true],
    ['models/staging/a.sql', true],
    ['tests', true],
    ['tests/data/assert_x.sql', true],
    ['tests/unit', false],
    ['tests/unit/x.test.ts', false],
    ['big_data/file.csv', false],
    ['README.md', false],
    ['modelsX/a.sql', false],
  ])('%s -> %s', (rel, watched) => {
    expect(isWatchedPath(rel === '' ? root : at(rel), root, targets)).toBe(watched);
  });
});

describe('isIgnoredPath', () => {
  it.each([
    ['target/test.duckdb', true],
    ['target/compiled/x.sql', true],
    ['node_modules/a/b.sql', true],
    ['models/.hidden.sql', true],
    ['models/.git/x', true],
    ['models/a.sql.swp', true],
    ['models/.a.sql.swx', true],
    ['models/a.sql~', true],
    ['models/.#a.sql', true],
    ['models/4913', true],
    ['models/a.sql___jb_tmp___', true],
    ['models/a.sql', false],
    ['models/targets/a.sql', false],
    ['project.yml', false],
  ])('%s -> %s', (rel, ignored) => {
    expect(isIgnoredPath(at(rel), root, 'target')).toBe(ignored);
  });

  it('does not ignore a project whose own path has a dot-folder in it', () => {
    expect(root.includes('.hidden')).toBe(true);
    expect(isIgnoredPath(root, root, 'target')).toBe(false);
    expect(isIgnoredPath(at('models'), root, 'target')).toBe(false);
  });
});

describe('classifyChange', () => {
  it.each([
    ['project.yml', 'config'],
    ['profiles.yml', 'config'],
    ['models/staging/a.sql', 'model'],
    ['models/schema.yml', 'property'],
    ['models/docs.md', 'docs'],
    ['seeds/a.csv', 'seed'],
    ['snapshots/orders.sql', 'snapshot'],
    ['snapshots/props.yml', 'property'],
    ['macros/m.sql', 'macro'],
    ['macros/m.yml', 'property'],
    ['tests/data/assert_x.sql', 'singular_test'],
    ['tests/data/generic/my_test.sql', 'generic_test'],
    ['tests/data/fixtures/input.csv', 'fixture'],
    ['models/notes.txt', 'other'],
    ['elsewhere/a.sql', 'other'],
  ])('%s is %s', (rel, kind) => {
    expect(classifyChange(rel, config)).toBe(kind);
  });
});
