import path from 'node:path';
import { openEngine } from '../../../src/engine/index.js';
import type { Row } from '../../../src/engine/index.js';

/** Open a project's database file after the CLI exited, run one query, close it again. */
export async function queryDb(projectDir: string, sql: string, file = 'target/test.duckdb'): Promise<readonly Row[]> {
  const engine = await openEngine({ path: path.join(projectDir, file), threads: 1 });
  try {
    return await engine.withConnection(async (conn) => (await conn.query(sql)).rows);
  } finally {
    await engine.close();
  }
}

/** stdout and stderr together, for assertions that do not care where a line went. */
export function outputOf(run: { readonly stdout: string; readonly stderr: string }): string {
  return `${run.stdout}\n${run.stderr}`;
}
