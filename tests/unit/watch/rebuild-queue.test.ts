import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RebuildQueue, type ChangeBatch, type ChangeEvent } from '../../../src/watch/rebuild-queue.js';

/** A queue whose rebuilds last `runMs` (fake time) and that records each batch and any overlap. */
function harness(debounceMs = 100, runMs = 0) {
  const batches: ChangeBatch[] = [];
  let active = 0;
  let maxActive = 0;
  const errors: unknown[] = [];
  const queue = new RebuildQueue({
    debounceMs,
    now: () => Date.now(),
    run: async (batch) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      batches.push(batch);
      if (runMs > 0) await new Promise((resolve) => setTimeout(resolve, runMs));
      active -= 1;
    },
    onError: (e) => errors.push(e),
  });
  const save = (path: string, kind: ChangeEvent['kind'] = 'change'): void => queue.add({ path, kind, at: Date.now() });
  return { queue, batches, errors, save, maxActive: () => maxActive };
}

describe('RebuildQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns a burst of saves into one rebuild after the quiet time', async () => {
    const h = harness(100);
    for (let i = 0; i < 5; i++) {
      h.save(`/p/models/m${i}.sql`);
      await vi.advanceTimersByTimeAsync(30);
    }
    expect(h.batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.batches).toHaveLength(1);
    expect([...h.batches[0].changes.keys()]).toEqual(['/p/models/m0.sql', '/p/models/m1.sql', '/p/models/m2.sql', '/p/models/m3.sql', '/p/models/m4.sql']);
    expect(h.batches[0].lastEventAt - h.batches[0].firstEventAt).toBe(120);
  });

  it('waits for the debounce after the last event, not the first', async () => {
    const h = harness(100);
    h.save('/p/a.sql');
    await vi.advanceTimersByTimeAsync(90);
    h.save('/p/a.sql');
    await vi.advanceTimersByTimeAsync(90);
    expect(h.batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.batches).toHaveLength(1);
    expect(h.batches[0].changes.size).toBe(1);
  });

  it('keeps the last kind of event per file (atomic save: unlink then add)', async () => {
    const h = harness(50);
    h.save('/p/a.sql', 'unlink');
    h.save('/p/a.sql', 'add');
    await vi.advanceTimersByTimeAsync(50);
    expect(h.batches[0].changes.get('/p/a.sql')).toBe('add');
  });

  it('gathers saves made during a rebuild into exactly one more rebuild, never two at once', async () => {
    const h = harness(100, 1000);
    h.save('/p/a.sql');
    await vi.advanceTimersByTimeAsync(100);
    expect(h.batches).toHaveLength(1);
    // The rebuild runs for 1 s; three saves arrive meanwhile.
    for (const f of ['/p/b.sql', '/p/c.sql', '/p/b.sql']) {
      h.save(f);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(h.batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.batches).toHaveLength(2);
    expect([...h.batches[1].changes.keys()].sort()).toEqual(['/p/b.sql', '/p/c.sql']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.batches).toHaveLength(2);
    expect(h.maxActive()).toBe(1);
  });

  it('starts the queued rebuild as soon as the running one ends when the saves are long quiet', async () => {
    const h = harness(100, 1000);
    h.save('/p/a.sql');
    await vi.advanceTimersByTimeAsync(100); // rebuild 1 runs from t=100 to t=1100
    h.save('/p/b.sql'); // t=100
    await vi.advanceTimersByTimeAsync(1000); // t=1100: rebuild 1 ends, b has been quiet for 1 s
    await vi.advanceTimersByTimeAsync(1);
    expect(h.batches).toHaveLength(2);
  });

  it('runs nothing without events', async () => {
    const h = harness(100);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.batches).toHaveLength(0);
  });

  it('runNow builds at once when idle and merges into the next rebuild when busy', async () => {
    const h = harness(100, 500);
    const first = h.queue.runNow({ changes: new Map(), firstEventAt: 0, lastEventAt: 0 });
    expect(h.batches).toHaveLength(1);
    void h.queue.runNow({ changes: new Map([['/p/x.sql', 'change']]), firstEventAt: 0, lastEventAt: Date.now() });
    await vi.advanceTimersByTimeAsync(500);
    await first;
    await vi.advanceTimersByTimeAsync(200);
    expect(h.batches).toHaveLength(2);
    expect([...h.batches[1].changes.keys()]).toEqual(['/p/x.sql']);
  });

  it('keeps going after a rebuild throws', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const queue = new RebuildQueue({
      debounceMs: 10,
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      },
      onError: (e) => errors.push(e),
    });
    queue.add({ path: '/p/a.sql', kind: 'change', at: 0 });
    await vi.advanceTimersByTimeAsync(20);
    queue.add({ path: '/p/a.sql', kind: 'change', at: 0 });
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('close drops waiting saves and waits for the rebuild in progress', async () => {
    const h = harness(100, 1000);
    h.save('/p/a.sql');
    await vi.advanceTimersByTimeAsync(100);
    h.save('/p/b.sql');
    let closed = false;
    const closing = h.queue.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(600);
    await closing;
    expect(closed).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.batches).toHaveLength(1);
    h.save('/p/c.sql');
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.batches).toHaveLength(1);
  });
});
