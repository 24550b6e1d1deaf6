import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src/watch/rebuild-queue.js';
import { startFileWatcher, type FileWatcher } from '../../../src/watch/file-watcher.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('startFileWatcher', () => {
  let dir = '';
  let watcher: FileWatcher | undefined;
  afterEach(async () => {
    await watcher?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a second save of the same file made within chokidar\'s 50 ms change throttle', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-fw-'));
    const file = path.join(dir, 'model.sql');
    fs.writeFileSync(file, 'select 1\n');
    const events: ChangeEvent[] = [];
    watcher = await startFileWatcher({ paths: [dir], ignored: () => false, onEvent: (e) => events.push(e), onError: (e) => { throw e; } });

    fs.writeFileSync(file, 'select 2\n');
    const deadline = Date.now() + 5000;
    while (events.length === 0 && Date.now() < deadline) await sleep(5);
    await sleep(20);
    fs.writeFileSync(file, 'select 3 -- the final content\n');
    const seenBefore = events.length;
    const until = Date.now() + 5000;
    while (events.length === seenBefore && Date.now() < until) await sleep(10);

    expect(events.length).toBeGreaterThan(seenBefore);
    expect(events.at(-1)?.path).toBe(file);
  });
});
