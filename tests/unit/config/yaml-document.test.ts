import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/config/yaml-document.js';

describe('parseYaml', () => {
  it('gives the value and 1-based lines of keys and list items', () => {
    const text = 'name: x\nmodels:\n  - name: a\n    columns:\n      - name: id\n';
    const { value, diagnostics } = parseYaml(text, 'a.yml');
    expect(diagnostics).toEqual([]);
    expect(value?.value).toEqual({ name: 'x', models: [{ name: 'a', columns: [{ name: 'id' }] }] });
    expect(value?.lineOf(['name'])).toBe(1);
    expect(value?.lineOf(['models'])).toBe(2);
    expect(value?.lineOf(['models', 0])).toBe(3);
    expect(value?.lineOf(['models', 0, 'columns', 0, 'name'])).toBe(5);
    expect(value?.lineOf(['models', 0, 'nope'])).toBe(3);
  });
  it('reports syntax errors with file, line and column', () => {
    const { value, diagnostics } = parseYaml('a: 1\nb: [1,\n c: 2\n', 'bad.yml');
    expect(value).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'bad.yml', code: 'yaml.syntax' });
    expect(diagnostics[0].line).toBeGreaterThanOrEqual(2);
    expect(diagnostics[0].col).toBeGreaterThanOrEqual(1);
    expect(diagnostics[0].message).not.toContain('\n');
  });
  it('reports duplicate keys', () => {
    const { diagnostics } = parseYaml('a: 1\na: 2\n', 'dup.yml');
    expect(diagnostics[0]).toMatchObject({ file: 'dup.yml', line: 2 });
    expect(diagnostics[0].message).toMatch(/unique/);
  });
  it('supports << merge keys and gives null for an empty file', () => {
    expect(parseYaml('d: &d {x: 1}\nm:\n  <<: *d\n  y: 2\n', 'm.yml').value?.value).toEqual({ d: { x: 1 }, m: { x: 1, y: 2 } });
    expect(parseYaml('', 'e.yml').value?.value).toBeNull();
  });
});
