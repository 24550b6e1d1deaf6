import { describe, expect, it } from 'vitest';
import { PendingEffects, RelationCache } from '../../../src/engine/relation-cache.js';

const key = (name: string) => ({ database: 'db', schema: 'main', name });

describe('RelationCache', () => {
  it('answers undefined for unread schemas, then from what was stored and applied', () => {
    const cache = new RelationCache();
    expect(cache.lookup('db', 'main', 'a')).toBeUndefined();
    cache.store('db', 'main', [{ name: 'A', kind: 'table' }], cache.currentVersion);
    expect(cache.lookup('DB', 'Main', 'a')).toBe('table');
    expect(cache.lookup('db', 'main', 'b')).toBeNull();
    cache.apply({ type: 'create', key: key('a'), kind: 'view', ifNotExists: true });
    expect(cache.lookup('db', 'main', 'a')).toBe('table'); // IF NOT EXISTS keeps what is there
    cache.apply({ type: 'rename', from: key('a'), to: key('b'), kind: 'table' });
    expect([cache.lookup('db', 'main', 'a'), cache.lookup('db', 'main', 'b')]).toEqual([null, 'table']);
    cache.apply({ type: 'unknown' });
    expect(cache.lookup('db', 'main', 'b')).toBeUndefined();
  });

  it('does not store a catalog read that raced with a change', () => {
    const cache = new RelationCache();
    const readAt = cache.currentVersion;
    cache.apply({ type: 'drop', key: key('x') });
    cache.store('db', 'main', [{ name: 'x', kind: 'table' }], readAt);
    expect(cache.lookup('db', 'main', 'x')).toBeUndefined();
  });

  it('never stores the temp catalog', () => {
    const cache = new RelationCache();
    cache.store('temp', 'main', [{ name: 'x', kind: 'table' }], cache.currentVersion);
    expect(cache.lookup('temp', 'main', 'x')).toBeUndefined();
  });

  it('pending effects overlay the cache and reach it only on commit', () => {
    const cache = new RelationCache();
    cache.store('db', 'main', [{ name: 'm', kind: 'view' }], cache.currentVersion);
    const pending = new PendingEffects();
    pending.add({ type: 'create', key: key('m__plan_tmp'), kind: 'table', ifNotExists: false });
    pending.add({ type: 'drop', key: key('m') });
    pending.add({ type: 'rename', from: key('m__plan_tmp'), to: key('m'), kind: 'table' });
    expect(pending.lookup('db', 'main', 'm', cache.lookup('db', 'main', 'm')!)).toBe('table');
    expect(pending.lookup('db', 'main', 'm__plan_tmp', null)).toBeNull();
    expect(cache.lookup('db', 'main', 'm')).toBe('view');
    pending.commitTo(cache);
    expect([cache.lookup('db', 'main', 'm'), cache.lookup('db', 'main', 'm__plan_tmp')]).toEqual(['table', null]);
    expect(pending.opaque).toBe(false);
    pending.add({ type: 'unknown' });
    expect(pending.opaque).toBe(true);
  });
});
