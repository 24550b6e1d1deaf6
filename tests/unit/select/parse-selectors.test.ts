import { describe, expect, it } from 'vitest';
import { SelectionError } from '../../../src/errors/plan-error.js';
import { parseSelectors } from '../../../src/select/parse-selectors.js';
import type { SelectionCriterion } from '../../../src/select/selection-spec.js';

function criterion(raw: string): SelectionCriterion {
  const spec = parseSelectors([raw], undefined);
  if (spec.kind !== 'criterion') throw new Error(`expected a criterion, got ${spec.kind}`);
  return spec;
}

function parseError(select: readonly string[], exclude?: readonly string[]): SelectionError {
  try {
    parseSelectors(select, exclude);
  } catch (e) {
    if (e instanceof SelectionError) return e;
    throw e;
  }
  throw new Error('expected a SelectionError');
}

describe('parseSelectors: set operations', () => {
  it('selects everything (fqn:*) without --select', () => {
    expect(parseSelectors(undefined, undefined)).toMatchObject({ kind: 'criterion', method: 'fqn', value: '*' });
    expect(parseSelectors([], undefined)).toMatchObject({ kind: 'criterion', method: 'fqn', value: '*' });
  });

  it('makes a union of arguments and of words inside one argument', () => {
    const spec = parseSelectors(['a b', 'c'], undefined);
    expect(spec.kind).toBe('union');
    if (spec.kind !== 'union') return;
    expect(spec.components.map((c) => (c.kind === 'criterion' ? c.value : c.kind))).toEqual(['a', 'b', 'c']);
  });

  it('makes an intersection of comma-separated parts', () => {
    const spec = parseSelectors(['tag:nightly,config.materialized:table'], undefined);
    expect(spec).toMatchObject({
      kind: 'intersection',
      components: [
        { method: 'tag', value: 'nightly' },
        { method: 'config', methodArgs: ['materialized'], value: 'table' },
      ],
    });
  });

  it('wraps --exclude in a difference', () => {
    expect(parseSelectors(['a'], ['b c'])).toMatchObject({
      kind: 'difference',
      include: { kind: 'criterion', value: 'a' },
      exclude: { kind: 'union' },
    });
    expect(parseSelectors(['a'], [' '])).toMatchObject({ kind: 'criterion' });
  });
});

describe('parseSelectors: graph operators', () => {
  it.each([
    ['x', { parents: false, children: false, childrensParents: false }],
    ['+x', { parents: true, parentsDepth: undefined, children: false }],
    ['x+', { parents: false, children: true, childrenDepth: undefined }],
    ['2+x', { parents: true, parentsDepth: 2 }],
    ['x+3', { children: true, childrenDepth: 3 }],
    ['3+x+4', { parentsDepth: 3, childrenDepth: 4, value: 'x' }],
    ['+x+', { parents: true, children: true, value: 'x' }],
    ['@x', { childrensParents: true, parents: false, value: 'x' }],
    ['+tag:nightly', { parents: true, method: 'tag', value: 'nightly' }],
    ['path:models/marts+', { children: true, method: 'path', value: 'models/marts' }],
  ])('%s', (raw, expected) => {
    expect(criterion(raw)).toMatchObject(expected);
  });

  it("rejects '@' together with a leading '+'", () => {
    expect(parseError(['@+x']).message).toContain("combines '@' and a leading '+'");
  });
});

describe('parseSelectors: default method', () => {
  it('uses fqn for names and dotted paths, path for paths, file for file names', () => {
    expect(criterion('stg_orders').method).toBe('fqn');
    expect(criterion('staging.stg_orders').method).toBe('fqn');
    expect(criterion('models/staging').method).toBe('path');
    expect(criterion('stg_orders.sql').method).toBe('file');
  });
});

describe('parseSelectors: errors', () => {
  it('lists the known methods for an unknown method', () => {
    const e = parseError(['colour:red']);
    expect(e.code).toBe('select.unknown_method');
    expect(e.message).toContain("Unknown selector method 'colour:' in 'colour:red'");
    expect(e.hint).toContain('tag, path, file, config');
  });

  it.each(['semantic_model:orders', 'metric:revenue', 'source_status:fresher+'])('says %s is not supported', (raw) => {
    const e = parseError([raw]);
    expect(e.code).toBe('select.unsupported_method');
    expect(e.message).toContain('is not supported by plan');
    expect(e.message).toContain(raw);
  });

  it('rejects selectors without a value', () => {
    expect(parseError(['tag:']).message).toBe("Selector 'tag:' has no value to match");
    expect(parseError(['+']).code).toBe('select.syntax');
  });

  it('rejects empty parts around commas', () => {
    expect(parseError(['a,']).message).toContain('empty part');
    expect(parseError(['a', ',b']).code).toBe('select.syntax');
  });

  it('checks the exclude side too', () => {
    expect(parseError(['a'], ['nope:x']).code).toBe('select.unknown_method');
  });

  it('asks for a config key', () => {
    expect(parseError(['config:table']).message).toContain('needs a config key: config.<key>:<value>');
  });

  it('rejects arguments on methods that take none', () => {
    expect(parseError(['tag.x:y']).message).toContain("'tag:' takes no '.x'");
  });

  it('rejects invalid resource types, test types and source selectors with the valid forms', () => {
    const resource = parseError(['resource_type:modle']);
    expect(resource.message).toContain("Invalid resource type 'modle'");
    expect(resource.hint).toBe('use one of: model, seed, snapshot, test, source, unit_test');
    expect(parseError(['test_type:schemaless']).hint).toBe('use one of: generic, singular, data, unit');
    expect(parseError(['source:a.b.c.d']).hint).toContain('source:<source_name>.<table_name>');
  });

  it('accepts dbt resource types that plan has no nodes of', () => {
    expect(() => parseSelectors(['resource_type:analysis'], undefined)).not.toThrow();
  });
});
