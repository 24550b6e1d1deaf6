import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/config/yaml-document.js';
import { buildGraph } from '../../../src/graph/build-graph.js';
import { SelectionError } from '../../../src/errors/plan-error.js';
import { parseSelectors } from '../../../src/select/parse-selectors.js';
import { selectNodes } from '../../../src/select/select-nodes.js';
import type { SelectionSpec } from '../../../src/select/selection-spec.js';
import { parseYamlSelectors, type YamlSelectors } from '../../../src/select/yaml-selectors.js';
import { shopManifest } from './fixtures.js';
import { select } from './helpers.js';

function selectorsOf(text: string): YamlSelectors {
  const doc = parseYaml(text, 'selectors.yml').value;
  if (!doc) throw new Error('bad YAML in the test');
  return parseYamlSelectors(doc);
}

function names(spec: SelectionSpec): string[] {
  const manifest = shopManifest();
  const ids = selectNodes(manifest, buildGraph(manifest).value, spec);
  return [...ids].map((id) => manifest.nodes.get(id)!.name).sort();
}

/** The nodes of selector `name` defined by `definition` (YAML text indented under `definition:`). */
function selectedBy(definition: string, extra = ''): string[] {
  const selectors = selectorsOf(`selectors:\n  - name: s\n    definition:\n${definition}\n${extra}`);
  return names(selectors.byName.get('s')!.spec);
}

/** The YAML form selects exactly what the CLI form does, and that is not nothing. */
function same(fromYaml: readonly string[], fromCli: readonly string[]): void {
  expect(fromCli.length).toBeGreaterThan(0);
  expect(fromYaml).toEqual(fromCli);
}

function errorOf(text: string): SelectionError {
  try {
    selectorsOf(text);
  } catch (error) {
    if (error instanceof SelectionError) return error;
    throw error;
  }
  throw new Error('expected a SelectionError');
}

describe('YAML selectors select what the same CLI selection does', () => {
  it('CLI-style strings, with graph operators', () => {
    same(selectedBy("      '+fct_orders'"), select(['+fct_orders']));
    same(selectedBy("      '@stg_orders'"), select(['@stg_orders']));
  });

  it('key-value pairs', () => {
    same(selectedBy('      tag: nightly'), select(['tag:nightly']));
    same(selectedBy('      config.materialized: table'), select(['config.materialized:table']));
  });

  it('full mappings: parents, children and their depths, childrens_parents', () => {
    same(selectedBy('      method: fqn\n      value: fct_orders\n      parents: true\n      parents_depth: 1'), select(['1+fct_orders']));
    same(selectedBy('      method: fqn\n      value: stg_customers\n      children: true\n      children_depth: 1'), select(['stg_customers+1']));
    same(selectedBy('      method: fqn\n      value: stg_orders\n      childrens_parents: true'), select(['@stg_orders']));
  });

  it('indirect_selection of a criterion wins over the default', () => {
    expect(selectedBy('      method: fqn\n      value: fct_orders\n      indirect_selection: empty')).toEqual(['fct_orders']);
  });

  it('union and intersection, with the exclude item subtracted last', () => {
    const union = "      union:\n        - '+fct_orders'\n        - tag: nightly\n        - exclude:\n            - stg_orders\n            - 'tag:nightly'";
    same(selectedBy(union), select(['+fct_orders', 'tag:nightly'], ['stg_orders', 'tag:nightly']));
    const intersection = "      intersection:\n        - '+fct_orders'\n        - 'stg_orders+'";
    same(selectedBy(intersection), select(['+fct_orders,stg_orders+']));
  });

  it('exclude on a full mapping', () => {
    same(selectedBy("      method: fqn\n      value: fct_orders\n      parents: true\n      exclude: ['stg_orders']"), select(['+fct_orders'], ['stg_orders']));
  });

  it('method: selector reuses another entry, and selector:<name> works in --select', () => {
    const selectors = selectorsOf(
      [
        'selectors:',
        '  - name: upstream',
        "    definition: '+fct_orders'",
        '  - name: upstream_but_staging',
        '    definition:',
        '      intersection:',
        '        - method: selector',
        '          value: upstream',
        "        - 'path:models/staging'",
      ].join('\n'),
    );
    same(names(selectors.byName.get('upstream_but_staging')!.spec), select(['+fct_orders,path:models/staging']));
    const lookup = (name: string): SelectionSpec => selectors.byName.get(name)!.spec;
    same(names(parseSelectors(['selector:upstream'], ['stg_orders'], lookup)), select(['+fct_orders'], ['stg_orders']));
  });

  it('keeps description, default and the entries as written', () => {
    const selectors = selectorsOf("selectors:\n  - name: a\n    description: the marts\n    default: true\n    definition: 'tag:nightly'");
    expect(selectors.byName.get('a')).toMatchObject({ name: 'a', description: 'the marts', default: true, line: 2 });
    expect(selectors.raw).toEqual({ a: { name: 'a', description: 'the marts', default: true, definition: 'tag:nightly' } });
  });
});

describe('selectors.yml errors name the entry, key and line', () => {
  it('an unknown key in a mapping', () => {
    const error = errorOf('selectors:\n  - name: a\n    definition:\n      method: tag\n      valu: x');
    expect(error.message).toBe("selectors[a].definition.valu: unknown key 'valu'");
    expect(error.line).toBe(5);
  });

  it('a cycle of method: selector', () => {
    const error = errorOf('selectors:\n  - name: a\n    definition: {method: selector, value: b}\n  - name: b\n    definition: {method: selector, value: a}');
    expect(error.message).toContain('cycle: a -> b -> a');
  });

  it('a name defined twice, a missing definition, an unknown method, a bad mode, two excludes', () => {
    expect(errorOf('selectors:\n  - name: a\n    definition: x\n  - name: a\n    definition: y').message).toContain("selector 'a' is defined twice (first at line 2)");
    expect(errorOf('selectors:\n  - name: a').message).toContain("selector 'a' has no definition");
    expect(errorOf("selectors:\n  - name: a\n    definition: 'bogus:x'").message).toContain("Unknown selector method 'bogus:'");
    expect(errorOf('selectors:\n  - name: a\n    definition: {method: tag, value: x, indirect_selection: lazy}').message).toContain('expected one of eager, cautious, buildable, empty');
    expect(errorOf('selectors:\n  - name: a\n    definition:\n      union: [x, {exclude: [y]}, {exclude: [z]}]').message).toContain("only one 'exclude' item");
    expect(errorOf('selectors:\n  - name: a\n    definition: {method: selector, value: nope}').message).toContain("no selector named 'nope'");
  });

  it('a file without a selectors list', () => {
    expect(errorOf('name: a').message).toContain("expected a mapping with a 'selectors:' list");
  });
});
