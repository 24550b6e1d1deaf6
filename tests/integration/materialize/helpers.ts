import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openEngine } from '../../../src/engine/index.js';
import type { Engine, EngineConnection, Row } from '../../../src/engine/index.js';
import type { NodeConfig } from '../../../src/config/types.js';
import type { ModelNode, SeedNode } from '../../../src/manifest/types.js';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plan-materialize-'));
}

export async function freshEngine(threads = 2): Promise<Engine> {
  return openEngine({ path: path.join(tempDir(), 'dev.duckdb'), threads });
}

/** A new database file and one connection for each test of the calling file (beforeEach / afterEach). */
export function connectionPerTest(): { readonly conn: EngineConnection & { release(): void } } {
  const state = {} as { engine: Engine; conn: EngineConnection & { release(): void } };
  beforeEach(async () => {
    state.engine = await freshEngine();
    state.conn = await state.engine.acquire();
  });
  afterEach(async () => {
    state.conn.release();
    await state.engine.close();
  });
  return state;
}

export function config(extra: Partial<NodeConfig> = {}): NodeConfig {
  return {
    enabled: true,
    materialized: 'table',
    tags: [],
    pre_hook: [],
    post_hook: [],
    column_types: {},
    contract: { enforced: false },
    on_schema_change: 'ignore',
    meta: {},
    ...extra,
  };
}

export function model(name: string, extra: Partial<NodeConfig> = {}, schema = 'main'): ModelNode {
  return {
    uniqueId: `model.proj.${name}`,
    resourceType: 'model',
    name,
    packageName: 'proj',
    path: `${name}.sql`,
    originalFilePath: `models/${name}.sql`,
    fqn: ['proj', name],
    description: '',
    tags: [],
    meta: {},
    config: config(extra),
    rawCode: '',
    checksum: 'abc',
    dependsOn: { nodes: [], macros: [] },
    refs: [],
    sources: [],
    columns: {},
    relation: { database: 'dev', schema, identifier: name },
    priorReads: [],
    constraints: [],
  };
}

export function seed(dir: string, name: string, csv: string, extra: Partial<NodeConfig> = {}): SeedNode {
  const absPath = path.join(dir, `${name}.csv`);
  fs.writeFileSync(absPath, csv);
  return {
    uniqueId: `seed.proj.${name}`,
    resourceType: 'seed',
    name,
    packageName: 'proj',
    path: `${name}.csv`,
    originalFilePath: `seeds/${name}.csv`,
    fqn: ['proj', name],
    description: '',
    tags: [],
    meta: {},
    config: config({ materialized: 'seed', ...extra }),
    rawCode: '',
    checksum: 'abc',
    dependsOn: { nodes: [], macros: [] },
    refs: [],
    sources: [],
    columns: {},
    relation: { database: 'dev', schema: 'main', identifier: name },
    absPath,
  };
}

export async function rows(conn: EngineConnection, sql: string): Promise<readonly Row[]> {
  return (await conn.query(sql)).rows;
}
