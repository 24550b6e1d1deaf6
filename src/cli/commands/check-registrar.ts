import { Option } from 'commander';
import { formatDiagnostic } from '../../errors/diagnostic.js';
import { addProjectOptions, cliVarsOf, loadOptionsOf, projectDirOf } from '../common-options.js';
import type { CommandRegistrar } from '../invoke.js';
import { writeLine } from '../io.js';

/** plan check [--state DIR] [--output text|json]: the CI contract check, without data. */
export const register: CommandRegistrar = (program, define, io) => {
  define(
    addProjectOptions(program.command('check').description('check SQL, contracts and properties against an empty in-memory database (for CI)'))
      .option('--state <dir>', 'folder with the previous manifest.json: also report breaking changes to contracted models')
      .addOption(new Option('--output <format>', 'output format').choices(['text', 'json']).default('text')),
    async (o) => {
      const [{ runCheck }, { openEngine }] = await Promise.all([import('../../check/run-check.js'), import('../../engine/index.js')]);
      const started = performance.now();
      const projectDir = projectDirOf(o, io.cwd);
      const report = await runCheck({
        projectDir,
        profilesDir: o.profilesDir as string | undefined,
        load: loadOptionsOf(o),
        target: o.target as string | undefined,
        cliVars: cliVarsOf(o),
        statePath: o.state as string | undefined,
        log: (message) => writeLine(io.stderr, message),
        openMemoryEngine: () => openEngine({ path: ':memory:', threads: 1, fileSearchPath: projectDir }),
      });
      const errors = report.problems.filter((p) => p.severity === 'error');
      const seconds = (performance.now() - started) / 1000;
      if (o.output === 'json') {
        const doc = {
          ok: errors.length === 0,
          errors: errors.length,
          warnings: report.problems.length - errors.length,
          models_checked: report.modelsChecked,
          elapsed_seconds: Number(seconds.toFixed(3)),
          problems: report.problems.map((p) => ({ severity: p.severity, code: p.code, message: p.message, file: p.file ?? null, line: p.line ?? null, node: p.node ?? null, hint: p.hint ?? null })),
        };
        io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      } else {
        for (const p of report.problems) writeLine(io.stdout, formatDiagnostic(p));
        const warnings = report.problems.length - errors.length;
        const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
        writeLine(io.stdout, errors.length === 0 ? `check passed: ${plural(report.modelsChecked, 'model')}, ${plural(warnings, 'warning')} (${seconds.toFixed(2)}s)` : `check failed: ${plural(errors.length, 'error')}, ${plural(warnings, 'warning')}`);
      }
      return errors.length === 0 ? 0 : 1;
    },
  );
};
