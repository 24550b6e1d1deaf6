import { compiledSqlOf, writeRunArtifacts, type CompiledSqlFile, type ExecuteOutcome } from '../pipeline/execute.js';
import type { PreparedProject } from '../pipeline/prepare.js';

interface YearRun {
  readonly prepared: PreparedProject;
  readonly outcome: ExecuteOutcome;
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * The artifacts of a simulation, written once when it ends instead of after every year: each
 * year's manifest.json and run_results.json replaced the year before's, so only the last year's
 * were ever left, and writing them (with every compiled file) took about 30 ms between two years.
 * What is written is what the per-year writes left: the last year's manifest and run results, and
 * each node's compiled SQL from the last year it ran in.
 */
export class SimulationArtifacts {
  private last: YearRun | undefined;
  private readonly compiled = new Map<string, CompiledSqlFile>();

  constructor(private readonly invocationId: string) {}

  record(prepared: PreparedProject, outcome: ExecuteOutcome, args: Readonly<Record<string, unknown>>): void {
    this.last = { prepared, outcome, args };
    for (const file of compiledSqlOf(prepared, outcome.results)) this.compiled.set(file.relativePath, file);
  }

  /** Write what the years recorded so far left (nothing when no year ran). */
  write(): void {
    if (!this.last) return;
    const { prepared, outcome, args } = this.last;
    writeRunArtifacts(prepared, outcome.results, outcome.elapsedSeconds, this.invocationId, args, this.compiled.values());
  }
}
