import { formatDiagnostic } from '../errors/diagnostic.js';
import { prepareProject, type PreparedProject } from '../pipeline/prepare.js';
import { cliVarsOf, loadOptionsOf, projectDirOf, type ProjectOptions } from './common-options.js';
import { writeLine, type CliIO } from './io.js';

/**
 * load -> render -> graph for a command, from its --project-dir/--profiles-dir/--target/--vars.
 * Template log() output and warnings go to stderr unless the command says otherwise (build and
 * friends keep them with their node lines on stdout).
 */
export function prepareForCommand(
  options: ProjectOptions,
  io: CliIO,
  which: string,
  extra: { readonly invocationId?: string; readonly flags?: Readonly<Record<string, unknown>>; readonly logTo?: NodeJS.WritableStream; readonly printWarnings?: boolean } = {},
): PreparedProject {
  const logTo = extra.logTo ?? io.stderr;
  const prepared = prepareProject({
    projectDir: projectDirOf(options, io.cwd),
    profilesDir: options.profilesDir,
    load: loadOptionsOf(options),
    target: options.target,
    cliVars: cliVarsOf(options),
    invocationId: extra.invocationId,
    flags: { WHICH: which, ...extra.flags },
    log: (message) => writeLine(logTo, message),
  });
  if (extra.printWarnings !== false) for (const w of prepared.warnings) writeLine(io.stderr, formatDiagnostic(w));
  return prepared;
}
