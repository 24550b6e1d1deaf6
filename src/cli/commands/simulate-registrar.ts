import type { CommandRegistrar } from '../invoke.js';
import { addProjectOptions, cliVarsOf, colorFor, loadOptionsOf, parseThreads, projectDirOf } from '../common-options.js';

/** plan simulate [--years 2025-2029] [--scenario NAME] [--vars ...] [--resume] [--dry-run] */
export const register: CommandRegistrar = (program, define, io) => {
  define(
    addProjectOptions(program.command('simulate').description('run the multi-year simulation: one build per year, year N reading year N-1'))
      .option('--years <range>', 'years to simulate: 2025-2029, 2025, or 2025,2026 (default: start_year-end_year vars)')
      .option('--scenario <name>', 'apply scenarios/<name>.yml (its vars; scenario_id defaults to the name)')
      .option('--resume', 'start after the last year this scenario completed')
      .option('--dry-run', 'print the plan and run nothing')
      .option('--full-refresh', 'rebuild incremental models from scratch in the first year')
      .option('--threads <n>', 'nodes to run at once', parseThreads),
    async (o) => {
      const [{ runSimulation }, { openEngine, startDatabaseInstance }] = await Promise.all([import('../../simulate/run-simulation.js'), import('../../engine/index.js')]);
      if (!o.dryRun) startDatabaseInstance(); // DuckDB starts up while the project is read and rendered
      const outcome = await runSimulation({
        projectDir: projectDirOf(o, io.cwd),
        profilesDir: o.profilesDir as string | undefined,
        load: loadOptionsOf(o),
        color: colorFor(o, io.stdout),
        target: o.target as string | undefined,
        cliVars: cliVarsOf(o),
        scenario: o.scenario as string | undefined,
        years: o.years as string | undefined,
        resume: Boolean(o.resume),
        dryRun: Boolean(o.dryRun),
        threads: o.threads as number | undefined,
        fullRefresh: Boolean(o.fullRefresh),
        out: io.stdout,
        err: io.stderr,
        openEngine,
      });
      return outcome.exitCode;
    },
  );
};
