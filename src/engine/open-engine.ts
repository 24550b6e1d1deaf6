import type { AttachedDatabase } from '../config/index.js';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DuckDBEngineConnection } from './connection.js';
import { EngineError, toEngineError } from './engine-error.js';
import { acquireInstance, relationCacheOf, releaseInstance } from './instance-cache.js';
import { attachedCatalogOf } from './open-database.js';
import type { RelationCache } from './relation-cache.js';
import { logConnect, traced } from './sql-log.js';
import { quoteLiteral } from './sql-text.js';
import type { Engine, EngineConnection, EngineOptions, PooledConnection } from './types.js';
import { ConfigError } from '../errors/plan-error.js';

class PooledDuckDBConnection extends DuckDBEngineConnection implements PooledConnection {
  constructor(
    raw: DuckDBConnection,
    cache: RelationCache,
    private readonly onRelease: (conn: PooledDuckDBConnection) => void,
  ) {
    super(raw, cache);
  }

  release(): void {
    this.onRelease(this);
  }

  closeRaw(): void {
    this.raw.closeSync();
  }
}

/** Open (or join) the database at `options.path`: settings applied, extensions loaded. */
export async function openEngine(options: EngineOptions): Promise<Engine> {
  const instance = await acquireInstance(options.path, options.readOnly ?? false, options.rowGroupSize);
  try {
    const first = await instance.connect();
    logConnect(instance, first);
    try {
      await useAttachedCatalog(instance, first);
      await applySettings(first, effectiveSettings(options));
      await loadExtensions(first, options.extensions ?? []);
      await attachDatabases(first, options.attach ?? []);
      const database = await currentDatabase(first);
      return new PooledEngine(options, instance, database, first);
    } catch (error) {
      first.closeSync();
      throw error;
    }
  } catch (error) {
    await releaseInstance(options.path, instance);
    throw error;
  }
}

class PooledEngine implements Engine {
  private readonly idle: PooledDuckDBConnection[] = [];
  private readonly all: PooledDuckDBConnection[] = [];
  private readonly waiters: ((conn: PooledDuckDBConnection) => void)[] = [];
  private opening = 0;
  private closed = false;
  private readonly max: number;
  private pendingFirst?: DuckDBConnection;

  constructor(
    private readonly options: EngineOptions,
    private readonly instance: DuckDBInstance,
    readonly database: string,
    first: DuckDBConnection,
  ) {
    this.max = Math.max(1, options.threads);
    // The connection opened to check settings and extensions joins the pool when first acquired.
    this.pendingFirst = first;
  }

  get path(): string {
    return this.options.path;
  }

  async acquire(): Promise<PooledConnection> {
    if (this.closed) throw new Error(`engine for ${this.path} is closed`);
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.all.length + this.opening < this.max) {
      this.opening += 1;
      try {
        let raw = this.pendingFirst;
        this.pendingFirst = undefined;
        if (!raw) {
          raw = await this.instance.connect();
          logConnect(this.instance, raw);
          await useAttachedCatalog(this.instance, raw);
          await applySettings(raw, effectiveSettings(this.options));
        }
        const conn = new PooledDuckDBConnection(raw, relationCacheOf(this.instance), (c) => this.giveBack(c));
        this.all.push(conn);
        return conn;
      } finally {
        this.opening -= 1;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async withConnection<T>(fn: (conn: EngineConnection) => Promise<T>): Promise<T> {
    const conn = await this.acquire();
    try {
      return await fn(conn);
    } finally {
      conn.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.all) conn.closeRaw();
    this.pendingFirst?.closeSync();
    this.all.length = 0;
    this.idle.length = 0;
    await releaseInstance(this.options.path, this.instance);
  }

  private giveBack(conn: PooledDuckDBConnection): void {
    if (this.closed) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter(conn);
    else if (!this.idle.includes(conn)) this.idle.push(conn);
  }
}

/**
 * Defaults for database files, SET before the profile's settings (which therefore override them,
 * aliases such as wal_autocheckpoint included). Measured on the 60k x 5 simulation (bench/README.md):
 * - checkpoint_threshold: DuckDB checkpoints when the WAL passes 16 MB, which in a multi-year
 *   simulation means a full checkpoint inside many model COMMITs; with 1 GB it happens at close.
 *   Commits still write and sync the WAL, so durability is unchanged; only reopening after a crash
 *   replays a longer WAL.
 * - block_allocator_memory: every column segment of a new row group is a fresh 256 KB buffer, and
 *   a first touch of memory is a page fault; DuckDB's block allocator keeps up to this much of it
 *   mapped for reuse instead of returning it to the system (a third fewer page faults). Beyond
 *   256 MB its blocks come from jemalloc, which (one arena, see jemalloc-conf.ts) reuses them
 *   across threads: 512 MB touched more memory in total (peak RSS +40 MB).
 * - disabled_compression_methods: FSST's analysis of every string segment was about a fifth of
 *   the cost of writing a table; without it strings are stored with dictionary compression or as
 *   they are (the flagship's file is about 27% bigger).
 */
export const ENGINE_DEFAULT_SETTINGS: Readonly<Record<string, string>> = {
  checkpoint_threshold: '1GB',
  block_allocator_memory: '256MB',
  disabled_compression_methods: 'fsst',
};

/** Defaults, then the profile's settings, plus file_search_path = the project folder unless the profile sets it. */
function effectiveSettings(options: EngineOptions): Readonly<Record<string, string | number | boolean>> {
  const profile = options.settings ?? {};
  const profileKeys = new Set(Object.keys(profile).map((k) => k.toLowerCase()));
  const defaults = options.path === ':memory:' || options.readOnly ? {} : Object.fromEntries(Object.entries(ENGINE_DEFAULT_SETTINGS).filter(([k]) => !profileKeys.has(k)));
  const settings = { ...defaults, ...profile };
  if (options.fileSearchPath === undefined || profileKeys.has('file_search_path')) return settings;
  return { ...settings, file_search_path: options.fileSearchPath };
}

/** A database file attached for its row group size is each connection's default catalog, as if opened directly. */
async function useAttachedCatalog(instance: DuckDBInstance, conn: DuckDBConnection): Promise<void> {
  const catalog = attachedCatalogOf(instance);
  if (catalog === undefined) return;
  const sql = `USE "${catalog.replaceAll('"', '""')}"`;
  await traced(conn, sql, () => conn.run(sql));
}

function settingValue(value: string | number | boolean): string {
  return typeof value === 'string' ? quoteLiteral(value) : String(value);
}

async function applySettings(conn: DuckDBConnection, settings: Readonly<Record<string, string | number | boolean>>): Promise<void> {
  for (const [key, value] of Object.entries(settings)) {
    const sql = `SET ${key} = ${settingValue(value)}`;
    try {
      await traced(conn, sql, () => conn.run(sql));
    } catch (error) {
      throw toEngineError(error, sql).with({ prefix: `setting '${key}' from the profile could not be applied` });
    }
  }
}

/**
 * ATTACH IF NOT EXISTS each database of the profile's `attach` list (dbt-duckdb's keys: path,
 * alias, type, read_only, options). An instance shared by two engines attaches once.
 */
async function attachDatabases(conn: DuckDBConnection, databases: readonly AttachedDatabase[]): Promise<void> {
  for (const db of databases) {
    const options = [
      ...(db.type !== undefined ? [`TYPE ${db.type}`] : []),
      ...(db.readOnly ? ['READ_ONLY'] : []),
      ...Object.entries(db.options ?? {}).map(([key, value]) => `${key} ${settingValue(value)}`),
    ];
    const sql = `ATTACH IF NOT EXISTS ${quoteLiteral(db.path)}${db.alias !== undefined ? ` AS "${db.alias.replaceAll('"', '""')}"` : ''}${options.length ? ` (${options.join(', ')})` : ''}`;
    try {
      await traced(conn, sql, () => conn.run(sql));
    } catch (error) {
      // The profile is wrong (exit 2), not a model.
      const cause = toEngineError(error, sql);
      throw new ConfigError('config.attach', `database '${db.alias ?? db.path}' from the profile's attach list could not be attached: ${cause.dbMessage.split('\n')[0]}`, {
        ...db.declaredAt,
        hint: 'check its path (a relative path starts at the project folder), type and options',
      });
    }
  }
}

/** LOAD each extension; INSTALL only when LOAD fails (INSTALL needs network access). */
async function loadExtensions(conn: DuckDBConnection, extensions: readonly string[]): Promise<void> {
  for (const name of extensions) {
    const ident = `"${name.replaceAll('"', '""')}"`;
    try {
      await traced(conn, `LOAD ${ident}`, () => conn.run(`LOAD ${ident}`));
      continue;
    } catch {
      // not installed yet: try INSTALL below
    }
    try {
      await traced(conn, `INSTALL ${ident}`, () => conn.run(`INSTALL ${ident}`));
      await traced(conn, `LOAD ${ident}`, () => conn.run(`LOAD ${ident}`));
    } catch (error) {
      const cause = toEngineError(error, `INSTALL ${ident}`);
      throw new EngineError(
        cause.details(),
        `extension '${name}' could not be loaded: it is not installed and INSTALL failed (${cause.dbMessage.split('\n')[0]})`,
        { hint: `install it where network access is available (INSTALL ${name}), or remove it from the profile's extensions` },
      );
    }
  }
}

async function currentDatabase(conn: DuckDBConnection): Promise<string> {
  const sql = 'SELECT current_database() AS name';
  const reader = await traced(conn, sql, () => conn.runAndReadAll(sql));
  return String(reader.getRowObjectsJson()[0].name);
}
