import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/config/yaml-document.js';
import { normalizeTests } from '../../../src/project/test-declaration.js';

function tests(yml: string) {
  const doc = parseYaml(yml, 'm.yml').value!;
  return normalizeTests((doc.value as { tests: unknown }).tests, { doc, path: ['tests'], unknownConfigs: 'error' });
}

describe('normalizeTests', () => {
  it('normalizes every dbt form', () => {
    const { tests: out, diagnostics } = tests(`tests:
  - unique
  - accepted_values:
      values: [a, b]
      quote: false
      config: {severity: warn}
  - dbt_utils.accepted_range: {min_value: 0}
  - relationships: {to: "ref('customers')", field: id}
  - accepted_values:
      arguments: {values: [x]}
      config: {where: "x > 1"}
  - not_null:
      name: custom_not_null
      severity: warn
      where: "id > 0"
      tags: [t]
  - test_name: unique
    name: by_test_name
`);
    expect(diagnostics).toEqual([]);
    expect(out).toEqual([
      { name: 'unique', args: {}, config: {}, location: { file: 'm.yml', line: 2 } },
      { name: 'accepted_values', args: { values: ['a', 'b'], quote: false }, config: { severity: 'warn' }, location: { file: 'm.yml', line: 3 } },
      { name: 'accepted_range', namespace: 'dbt_utils', args: { min_value: 0 }, config: {}, location: { file: 'm.yml', line: 7 } },
      { name: 'relationships', args: { to: "ref('customers')", field: 'id' }, config: {}, location: { file: 'm.yml', line: 8 } },
      { name: 'accepted_values', args: { values: ['x'] }, config: { where: 'x > 1' }, location: { file: 'm.yml', line: 9 } },
      { name: 'not_null', customName: 'custom_not_null', args: {}, config: { severity: 'warn', where: 'id > 0', tags: ['t'] }, location: { file: 'm.yml', line: 12 } },
      { name: 'unique', customName: 'by_test_name', args: {}, config: {}, location: { file: 'm.yml', line: 17 } },
    ]);
  });
  it('reports malformed entries with their line and keeps the others', () => {
    const { tests: out, diagnostics } = tests(`tests:
  - unique
  - {a: 1, b: 2}
  - not-a-name!
  - accepted_values: [a]
  - not_null: {config: {severty: warn}}
`);
    expect(out.map((t) => t.name)).toEqual(['unique', 'not_null']);
    expect(diagnostics.map((d) => d.line)).toEqual([3, 4, 5, 6]);
    expect(diagnostics[0].message).toMatch(/exactly one key/);
    expect(diagnostics[3].message).toMatch(/unknown test config 'severty' \(did you mean 'severity'\?\)/);
  });
});

describe('normalizeTests with Jinja config values', () => {
  it('leaves a known config written as Jinja for the render stage, but still reports unknown keys and plain bad values', () => {
    const { tests: out, diagnostics } = tests(`tests:
  - not_null:
      config:
        severity: "{{ 'error' if target.name == 'prod' else 'warn' }}"
        sevrity: "{{ 'warn' }}"
        limit: lots
`);
    expect(out[0].config.severity).toBe("{{ 'error' if target.name == 'prod' else 'warn' }}");
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [5, expect.stringMatching(/unknown test config 'sevrity'/)],
      [6, expect.stringMatching(/limit/)],
    ]);
  });
});
