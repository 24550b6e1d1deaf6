import type { QueryResult } from '../engine/types.js';
import { ExecutionError, PlanError, RenderError } from '../errors/plan-error.js';

/**
 * Introspective queries (run_query, {% call statement %}, adapter.get_columns_in_relation, ...).
 * Rendering is synchronous, so a template cannot wait for DuckDB. Instead a render that reaches a
 * query it has no answer for stops with QueryNeeded; compileWithQueries runs that query, then renders
 * again from the start with the answers so far. Rendering is deterministic, so the n-th query of a
 * render is the same statement every time: each one runs exactly once, in template order.
 */

export interface QueryAnswer {
  readonly sql: string;
  readonly result: QueryResult;
}

/** One render attempt's view of the answers; the frame of the node (and of its ephemerals) holds it. */
export interface IntrospectionState {
  readonly answers: readonly QueryAnswer[];
  /** Queries asked so far in this attempt. */
  asked: number;
  /** {% call statement('name') %} results, for load_result('name'). */
  readonly statements: Map<string, unknown>;
  /** log()/print() output of this attempt: printed once, by the attempt that completes. */
  readonly logs: string[];
}

export class QueryNeeded extends PlanError {
  constructor(
    readonly sql: string,
    readonly state: IntrospectionState,
  ) {
    super('render.query_needed', 'a template needs the result of a query');
  }
}

/** A render sends at most this many introspective queries (a loop calling run_query is a mistake). */
const MAX_QUERIES = 1000;

export function newIntrospection(answers: readonly QueryAnswer[]): IntrospectionState {
  return { answers, asked: 0, statements: new Map(), logs: [] };
}

/**
 * The answer to the next query of this render, or QueryNeeded. Without a state the command has no
 * database at hand (plan compile): that is an error naming the file.
 */
export function answer(state: IntrospectionState | undefined, sql: string, where: { file: string; node: string }, what: string): QueryResult {
  if (!state) {
    throw new RenderError('render.needs_database', `${what} queries the database, which is not available where this node is rendered`, {
      ...where,
      hint: 'plan run, build, compile, show and check render nodes against the database; unit tests and the change detection of watch and simulate do not',
    });
  }
  const index = state.asked++;
  const known = state.answers[index];
  if (known && known.sql === sql) return known.result;
  throw new QueryNeeded(sql, state);
}

/**
 * Render with `compile`, running every query it asks for with `runQuery` (in order, each once),
 * until it completes. Logs are printed once, from the last attempt.
 */
export async function compileWithQueries<T>(
  compile: (state: IntrospectionState) => T,
  runQuery: (sql: string) => Promise<QueryResult>,
  log: (message: string) => void,
  file: string,
): Promise<T> {
  const answers: QueryAnswer[] = [];
  for (;;) {
    const state = newIntrospection(answers);
    try {
      const out = compile(state);
      state.logs.forEach((line) => log(line));
      return out;
    } catch (error) {
      if (!(error instanceof QueryNeeded) || error.state !== state) {
        state.logs.forEach((line) => log(line));
        throw error;
      }
      if (answers.length >= MAX_QUERIES) {
        throw new RenderError('render.too_many_queries', `rendering sent more than ${MAX_QUERIES} queries (run_query / statement / adapter calls)`, { file });
      }
      answers.length = state.asked - 1;
      answers.push({ sql: error.sql, result: await runOrExplain(runQuery, error.sql, file) });
    }
  }
}

async function runOrExplain(runQuery: (sql: string) => Promise<QueryResult>, sql: string, file: string): Promise<QueryResult> {
  try {
    return await runQuery(sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ExecutionError('run.template_query_failed', `a query sent while rendering (run_query, statement or an adapter method) failed: ${message}`, {
      file,
      hint: `the query was:\n${sql.trim()}`,
    });
  }
}
