import type { EngineConnection } from '../engine/types.js';
import { quoteIdent } from '../manifest/types.js';
import { sqlLiteral } from '../render/index.js';

/**
 * Bookkeeping tables of the year loop, kept in the target schema beside the models:
 * `plan_runs` (one row per `plan simulate`) and `plan_simulation_years` (each year completed,
 * per scenario), which --resume and the "year N needs year N-1" rule read.
 */
export interface RunRecord {
  readonly runId: string;
  readonly scenario: string;
  readonly years: readonly number[];
  readonly seed: unknown;
  readonly fingerprint: string;
  readonly toolVersion: string;
}

export class SimulationState {
  constructor(
    private readonly conn: EngineConnection,
    private readonly schema: string,
  ) {}

  private table(name: string): string {
    return `${quoteIdent(this.schema)}.${quoteIdent(name)}`;
  }

  async ensureTables(): Promise<void> {
    await this.conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
    await this.conn.run(`CREATE TABLE IF NOT EXISTS ${this.table('plan_runs')} (
  run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR,
  scenario_id VARCHAR, years VARCHAR, random_seed VARCHAR, fingerprint VARCHAR, tool_version VARCHAR, message VARCHAR)`);
    await this.conn.run(`CREATE TABLE IF NOT EXISTS ${this.table('plan_simulation_years')} (
  scenario_id VARCHAR, simulation_year INTEGER, run_id VARCHAR, fingerprint VARCHAR, completed_at TIMESTAMP,
  PRIMARY KEY (scenario_id, simulation_year))`);
  }

  /** Whether the bookkeeping tables exist (a dry run reads them without creating them). */
  async tablesExist(): Promise<boolean> {
    const result = await this.conn.query(
      `SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = ${sqlLiteral(this.schema)} AND table_name = 'plan_simulation_years' AND database_name = current_database()`,
    );
    return Number(result.rows[0]?.n) > 0;
  }

  async startRun(run: RunRecord): Promise<void> {
    const years = run.years.length > 1 ? `${run.years[0]}-${run.years.at(-1)}` : String(run.years[0] ?? '');
    await this.conn.run(
      `INSERT INTO ${this.table('plan_runs')} VALUES (${sqlLiteral(run.runId)}, now()::TIMESTAMP, NULL, 'running', ${sqlLiteral(run.scenario)}, ${sqlLiteral(years)}, ${sqlLiteral(String(run.seed ?? ''))}, ${sqlLiteral(run.fingerprint)}, ${sqlLiteral(run.toolVersion)}, NULL)`,
    );
  }

  async finishRun(runId: string, status: 'success' | 'error', message: string): Promise<void> {
    await this.conn.run(`UPDATE ${this.table('plan_runs')} SET finished_at = now()::TIMESTAMP, status = ${sqlLiteral(status)}, message = ${sqlLiteral(message)} WHERE run_id = ${sqlLiteral(runId)}`);
  }

  async markYearComplete(scenario: string, year: number, runId: string, fingerprint: string): Promise<void> {
    await this.conn.run(`DELETE FROM ${this.table('plan_simulation_years')} WHERE scenario_id = ${sqlLiteral(scenario)} AND simulation_year = ${year}`);
    await this.conn.run(`INSERT INTO ${this.table('plan_simulation_years')} VALUES (${sqlLiteral(scenario)}, ${year}, ${sqlLiteral(runId)}, ${sqlLiteral(fingerprint)}, now()::TIMESTAMP)`);
  }

  /** Years whose complete build is recorded for the scenario, ascending. */
  async completedYears(scenario: string): Promise<number[]> {
    const result = await this.conn.query(`SELECT simulation_year AS y FROM ${this.table('plan_simulation_years')} WHERE scenario_id = ${sqlLiteral(scenario)} ORDER BY 1`);
    return result.rows.map((r) => Number(r.y));
  }
}
