import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseYaml, type KeyPath } from '../../../src/config/yaml-document.js';
import { FileYamlParseCache } from '../../../src/project/yaml-parse-cache.js';

const TEXT = `version: 2
models:
  - name: orders
    description: >
      folded
    columns:
      - name: id
        data_tests: [unique, not_null]
      - name: amount
base: &base {a: 1}
merged:
  <<: *base
  b: 2
`;

const PATHS: KeyPath[] = [
  [], ['version'], ['models'], ['models', 0], ['models', 0, 'name'], ['models', 0, 'columns', 1, 'name'],
  ['models', 0, 'columns', 0, 'data_tests', 1], ['models', 0, 'missing', 'deeper'], ['merged', 'a'], ['merged', 'b'], ['nowhere'],
];

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-yaml-cache-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('FileYamlParseCache', () => {
  it('gives back, in a later run, the value and the line of every entry that a parse gives', () => {
    const dir = tempDir();
    const fresh = parseYaml(TEXT, 'models/a.yml').value!;
    const first = FileYamlParseCache.open(dir, 'v1');
    expect(first.get(TEXT)).toBeUndefined();
    parseYaml(TEXT, 'models/a.yml', first);
    first.save();

    const second = FileYamlParseCache.open(dir, 'v1');
    expect(second.get(TEXT)).toBeDefined();
    const cached = parseYaml(TEXT, 'models/a.yml', second).value!;
    expect(cached.value).toEqual(fresh.value);
    for (const p of PATHS) expect(cached.lineOf(p), JSON.stringify(p)).toBe(fresh.lineOf(p));
    expect(cached.lineOf(['models', 0, 'columns', 1, 'name'])).toBe(9);
  });

  it('misses for another text or another format, and keeps only the entries a run used', () => {
    const dir = tempDir();
    const cache = FileYamlParseCache.open(dir, 'v1');
    parseYaml(TEXT, 'a.yml', cache);
    parseYaml('x: 1\n', 'b.yml', cache);
    cache.save();
    expect(FileYamlParseCache.open(dir, 'v2').get(TEXT)).toBeUndefined();
    const next = FileYamlParseCache.open(dir, 'v1');
    expect(next.get(`${TEXT}# edited\n`)).toBeUndefined();
    expect(next.get('x: 1\n')).toEqual({ value: { x: 1 }, lines: { '["x"]': 1 }, rootLine: 1 });
    next.save();
    const last = FileYamlParseCache.open(dir, 'v1');
    expect(last.get(TEXT)).toBeUndefined();
    expect(last.get('x: 1\n')).toBeDefined();
  });

  it('does not keep values JSON would change, nor what a caller changed afterwards', () => {
    const dir = tempDir();
    const cache = FileYamlParseCache.open(dir, 'v1');
    parseYaml('limit: .inf\n', 'a.yml', cache);
    const doc = parseYaml('tags: [a]\n', 'b.yml', cache).value!;
    (doc.value as { tags: string[] }).tags.push('changed');
    cache.save();
    const next = FileYamlParseCache.open(dir, 'v1');
    expect(next.get('limit: .inf\n')).toBeUndefined();
    expect(next.get('tags: [a]\n')?.value).toEqual({ tags: ['a'] });
  });

  it('never creates the target folder', () => {
    const dir = path.join(tempDir(), 'target');
    const cache = FileYamlParseCache.open(dir, 'v1');
    parseYaml(TEXT, 'a.yml', cache);
    cache.save();
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('ignores a damaged file and replaces it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'yaml_parse_cache.json'), '{not json');
    const cache = FileYamlParseCache.open(dir, 'v1');
    expect(cache.get(TEXT)).toBeUndefined();
    parseYaml(TEXT, 'a.yml', cache);
    cache.save();
    expect(FileYamlParseCache.open(dir, 'v1').get(TEXT)).toBeDefined();
  });
});
