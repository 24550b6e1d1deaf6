import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBInstance } from './duckdb-module.js';
import { PlanError } from '../errors/plan-error.js';
import { toEngineError } from './engine-error.js';
import { RelationCache } from './relation-cache.js';
import { memoryInstance, openDatabaseFile } from './open-database.js';
import { logClose, logOpen } from './sql-log.js';

/**
 * One DuckDBInstance per database file per process: opening the same file twice in one
 * process silently loses one side's writes. ':memory:' is never shared.
 */
interface CachedInstance {
  readonly instance: DuckDBInstance;
  users: number;
}

const instances = new Map<string, Promise<CachedInstance>>();

export async function acquireInstance(dbPath: string, readOnly: boolean, rowGroupSize?: number): Promise<DuckDBInstance> {
  if (dbPath === ':memory:') {
    const memory = await memoryInstance();
    logOpen(memory, dbPath, false);
    return memory;
  }
  const key = path.resolve(dbPath);
  let pending = instances.get(key);
  if (!pending) {
    pending = createInstance(key, readOnly, rowGroupSize).then((instance) => ({ instance, users: 0 }));
    instances.set(key, pending);
    pending.catch(() => instances.delete(key));
  }
  const cached = await pending;
  cached.users += 1;
  return cached.instance;
}

/** Close the instance once its last user lets go (this releases the file lock). */
export async function releaseInstance(dbPath: string, instance: DuckDBInstance): Promise<void> {
  if (dbPath === ':memory:') {
    closeLogged(instance);
    return;
  }
  const key = path.resolve(dbPath);
  const pending = instances.get(key);
  if (!pending) return;
  const cached = await pending;
  cached.users -= 1;
  if (cached.users <= 0) {
    instances.delete(key);
    closeLogged(cached.instance);
  }
}

/** Close (DuckDB checkpoints a file database here), logging how long it took. */
function closeLogged(instance: DuckDBInstance): void {
  const started = performance.now();
  instance.closeSync();
  logClose(instance, performance.now() - started);
}

const relationCaches = new WeakMap<DuckDBInstance, RelationCache>();

/**
 * The relation cache of an instance, shared by every engine and connection on it (one process
 * can hold several engines on the same file, e.g. watch and a command it runs).
 */
export function relationCacheOf(instance: DuckDBInstance): RelationCache {
  let cache = relationCaches.get(instance);
  if (!cache) relationCaches.set(instance, (cache = new RelationCache()));
  return cache;
}

async function createInstance(dbPath: string, readOnly: boolean, rowGroupSize: number | undefined): Promise<DuckDBInstance> {
  if (!readOnly) fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  try {
    return await openDatabaseFile(dbPath, readOnly, rowGroupSize);
  } catch (error) {
    throw lockError(dbPath, error) ?? toEngineError(error);
  }
}

const LOCK_HOLDER = /Conflicting lock is held in (.+?) \(PID (\d+)\)/;

function lockError(dbPath: string, error: unknown): PlanError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.includes('Could not set lock')) return undefined;
  const holder = LOCK_HOLDER.exec(message);
  const who = holder ? `${holder[1]} PID ${holder[2]}` : 'unknown process';
  return new PlanError(
    'engine.locked',
    `database ${dbPath} is in use by another process (${who}); stop it (e.g. a running plan watch) and try again`,
  );
}
