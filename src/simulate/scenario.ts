import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseYaml } from '../config/index.js';
import { errorDiagnostic } from '../errors/diagnostic.js';
import { DiagnosticsError } from '../errors/plan-error.js';

const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  vars: z.record(z.string(), z.unknown()).default({}),
});

export interface Scenario {
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly vars: Readonly<Record<string, unknown>>;
}

/** scenarios/<name>.yml: `vars:` overriding the project's vars; scenario_id defaults to the name. */
export function loadScenario(projectDir: string, name: string): Scenario {
  const rel = path.posix.join('scenarios', `${name}.yml`);
  const file = path.join(projectDir, rel);
  if (!fs.existsSync(file)) {
    const dir = path.join(projectDir, 'scenarios');
    const known = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yml')).map((f) => f.slice(0, -4)) : [];
    throw new DiagnosticsError([
      errorDiagnostic('simulate.unknown_scenario', `scenario '${name}' not found: ${rel} does not exist`, { hint: known.length ? `known scenarios: ${known.sort().join(', ')}` : 'create scenarios/<name>.yml with a vars: mapping' }),
    ]);
  }
  const parsed = parseYaml(fs.readFileSync(file, 'utf8'), rel);
  if (!parsed.value) throw new DiagnosticsError(parsed.diagnostics);
  const result = scenarioSchema.safeParse(parsed.value.value ?? {});
  if (!result.success) {
    throw new DiagnosticsError(
      result.error.issues.map((issue) =>
        errorDiagnostic('simulate.scenario_invalid', `${issue.path.join('.') || '(root)'}: ${issue.message}`, { file: rel, line: parsed.value!.lineOf(issue.path as (string | number)[]), hint: 'a scenario file has `description:` and `vars:` only' }),
      ),
    );
  }
  return { name, file: rel, description: result.data.description ?? '', vars: { scenario_id: name, ...result.data.vars } };
}
