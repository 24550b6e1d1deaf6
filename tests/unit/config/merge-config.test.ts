import { describe, expect, it } from 'vitest';
import { resolveFolderConfig } from '../../../src/config/config-tree.js';
import { mergeNodeConfig } from '../../../src/config/merge-config.js';

describe('resolveFolderConfig', () => {
  const tree = {
    '+tags': ['all'],
    '+materialized': 'view',
    flagship: {
      '+pre-hook': 'select 1',
      staging: {
        '+materialized': 'table',
        '+tags': 'staging',
        schema: 'stg',
        sub: { '+materialized': 'incremental', '+meta': { owner: 'a' }, 'post-hook': ['select 2'] },
      },
      marts: { '+materialized': 'table' },
    },
    other_package: { '+materialized': 'ephemeral' },
  };
  it('merges outer to inner, inner winning, tags and hooks accumulating, hooks normalized', () => {
    expect(resolveFolderConfig(tree, 'flagship', ['staging', 'sub'])).toEqual({
      tags: ['all', 'staging'],
      materialized: 'incremental',
      pre_hook: ['select 1'],
      post_hook: ['select 2'],
      schema: 'stg',
      meta: { owner: 'a' },
    });
  });
  it('applies top-level configs to every folder and ignores other projects', () => {
    expect(resolveFolderConfig(tree, 'flagship', ['marts', 'fct_orders'])).toEqual({ tags: ['all'], materialized: 'table', pre_hook: ['select 1'] });
    expect(resolveFolderConfig(tree, 'flagship', ['nowhere'])).toEqual({ tags: ['all'], materialized: 'view', pre_hook: ['select 1'] });
  });
  it('treats a mapping under a bare non-config key as a folder, not a config', () => {
    expect(resolveFolderConfig({ p: { docs: { show: false }, alias: { '+enabled': false } } }, 'p', ['alias'])).toEqual({ docs: { show: false }, enabled: false });
  });
});

describe('mergeNodeConfig', () => {
  it('fills in defaults per resource type', () => {
    expect(mergeNodeConfig('model', [])).toEqual({
      enabled: true,
      materialized: 'view',
      tags: [],
      pre_hook: [],
      post_hook: [],
      column_types: {},
      meta: {},
      contract: { enforced: false },
      on_schema_change: 'ignore',
    });
    expect(mergeNodeConfig('seed', []).materialized).toBe('seed');
    expect(mergeNodeConfig('test', [])).toMatchObject({ materialized: 'test', severity: 'error', warn_if: '!=0', error_if: '!=0' });
  });
  it('lets later layers win, accumulates tags (deduped) and hooks, merges meta shallowly', () => {
    const config = mergeNodeConfig('model', [
      { materialized: 'table', tags: 'a', '+pre-hook': 'h1', meta: { owner: 'x', tier: 1 }, contract: { enforced: true } },
      { materialized: 'incremental', tags: ['a', 'b'], pre_hook: ['h1', 'h2'], meta: { tier: 2 }, unique_key: ['id'] },
      { enabled: false, partition_by: 'year', custom_thing: 1 },
    ]);
    expect(config).toMatchObject({
      enabled: false,
      materialized: 'incremental',
      tags: ['a', 'b'],
      pre_hook: ['h1', 'h1', 'h2'],
      meta: { owner: 'x', tier: 2 },
      contract: { enforced: true },
      unique_key: ['id'],
      partition_by: ['year'],
      custom_thing: 1,
    });
  });
  it('normalizes test severity and keeps explicit thresholds', () => {
    expect(mergeNodeConfig('test', [{ severity: 'WARN', error_if: '>10' }])).toMatchObject({ severity: 'warn', error_if: '>10', warn_if: '!=0' });
  });
});
