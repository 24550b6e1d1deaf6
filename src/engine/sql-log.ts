import fs from 'node:fs';

/**
 * Opt-in statement log for benchmarks: with PLAN_SQL_LOG=<file>, every database opened, every
 * connection made and every statement sent is appended to <file> as one JSON line, in completion
 * order (a valid order to replay: a statement that depends on another was sent after it finished).
 *   {"t":"open","db":1,"path":"/abs/x.duckdb","rowGroupSize":16384}  (rowGroupSize: attached with that ROW_GROUP_SIZE)   {"t":"connect","db":1,"conn":2}
 *   {"t":"sql","conn":2,"sql":"...","ok":true,"at":512.3,"ms":1.2}  (at: ms since the process started)   {"t":"close","db":1,"ms":812.5} (closing checkpoints a file database)
 * bench/replay-sql.mjs replays such a file directly through @duckdb/node-api.
 */
const logFile = process.env.PLAN_SQL_LOG || undefined;
const ids = new WeakMap<object, number>();
let nextId = 0;

function idOf(handle: object): number {
  let id = ids.get(handle);
  if (id === undefined) {
    id = ++nextId;
    ids.set(handle, id);
  }
  return id;
}

function write(entry: Readonly<Record<string, unknown>>): void {
  if (logFile) fs.appendFileSync(logFile, `${JSON.stringify(entry)}\n`);
}

export function logOpen(instance: object, path: string, readOnly: boolean, rowGroupSize?: number): void {
  if (logFile) write({ t: 'open', db: idOf(instance), path, readOnly, ...(rowGroupSize ? { rowGroupSize } : {}) });
}

export function logConnect(instance: object, connection: object): void {
  if (logFile) write({ t: 'connect', db: idOf(instance), conn: idOf(connection) });
}

export function logClose(instance: object, ms: number): void {
  if (logFile) write({ t: 'close', db: idOf(instance), ms: Number(ms.toFixed(3)) });
}

/** Run `send` (one statement on `connection`), logging it when PLAN_SQL_LOG is set. */
export async function traced<T>(connection: object, sql: string, send: () => Promise<T>): Promise<T> {
  if (!logFile) return send();
  const started = performance.now();
  try {
    const result = await send();
    write({ t: 'sql', conn: idOf(connection), sql, ok: true, at: Number(started.toFixed(3)), ms: Number((performance.now() - started).toFixed(3)) });
    return result;
  } catch (error) {
    write({ t: 'sql', conn: idOf(connection), sql, ok: false, at: Number(started.toFixed(3)), ms: Number((performance.now() - started).toFixed(3)) });
    throw error;
  }
}
