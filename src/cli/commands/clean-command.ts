import fs from 'node:fs';
import path from 'node:path';
import { loadProjectConfig } from '../../config/index.js';
import { errorDiagnostic, hasErrors } from '../../errors/diagnostic.js';
import { DiagnosticsError } from '../../errors/plan-error.js';
import { loadOptionsOf, projectDirOf, type ProjectOptions } from '../common-options.js';
import { writeLine, type CliIO } from '../io.js';

/** plan clean: delete the clean-targets folders (default: target/), never anything outside the project. */
export async function cleanCommand(options: ProjectOptions, io: CliIO): Promise<number> {
  const projectDir = projectDirOf(options, io.cwd);
  const loaded = loadProjectConfig(projectDir, undefined, loadOptionsOf(options).overrides);
  if (!loaded.value || hasErrors(loaded.diagnostics)) throw new DiagnosticsError(loaded.diagnostics);
  const config = loaded.value;
  const targets = config.cleanTargets.length > 0 ? config.cleanTargets : [config.targetPath];
  for (const entry of targets) {
    const full = path.resolve(projectDir, entry);
    const relative = path.relative(projectDir, full);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new DiagnosticsError([
        errorDiagnostic('clean.outside_project', `clean-targets entry '${entry}' is not inside the project folder; refusing to delete it`, { file: config.configFile, hint: 'list only folders inside the project under clean-targets' }),
      ]);
    }
    if (fs.existsSync(full)) {
      fs.rmSync(full, { recursive: true, force: true });
      writeLine(io.stdout, `Removed ${relative}/`);
    } else {
      writeLine(io.stdout, `Nothing to remove at ${relative}/`);
    }
  }
  return 0;
}
