import { errorDiagnostic } from '../errors/diagnostic.js';
import { ConfigError, DiagnosticsError } from '../errors/plan-error.js';

/** `2025-2029`, `2025`, or `2025,2027`: the years to simulate, ascending. */
export function parseYears(text: string): number[] {
  const trimmed = text.trim();
  const range = /^(\d{4})\s*-\s*(\d{4})$/.exec(trimmed);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (to < from) throw new ConfigError('simulate.years', `--years ${text}: the end year comes before the start year`, { hint: 'write it as START-END, e.g. 2025-2029' });
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  if (/^\d{4}(\s*,\s*\d{4})*$/.test(trimmed)) return [...new Set(trimmed.split(',').map((y) => Number(y.trim())))].sort((a, b) => a - b);
  throw new ConfigError('simulate.years', `--years '${text}' is not a year range`, { hint: 'use START-END (2025-2029), one year (2025) or a list (2025,2026)' });
}

/** Years from the project vars start_year / end_year, when --years is not given. */
export function yearsFromVars(vars: Readonly<Record<string, unknown>>): number[] {
  const start = Number(vars.start_year);
  const end = Number(vars.end_year ?? vars.start_year);
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new ConfigError('simulate.years', 'no --years given and the project has no integer start_year / end_year vars', { hint: 'pass --years 2025-2029 or set start_year and end_year under vars:' });
  }
  return parseYears(`${start}-${end}`);
}

/**
 * Year N reads year N-1 of the same scenario: every year after start_year needs its predecessor
 * completed before (recorded in plan_simulation_years) or earlier in this run.
 */
export function checkYearOrder(years: readonly number[], startYear: number, completed: readonly number[], scenarioId: string): void {
  const first = years[0];
  if (first !== undefined && first < startYear) {
    throw new DiagnosticsError([
      errorDiagnostic('simulate.before_start', `year ${first} comes before start_year ${startYear}, where the simulation starts from the census`, {
        hint: `simulate from ${startYear}, or start the simulation earlier with --vars start_year=${first}`,
      }),
    ]);
  }
  const available = new Set(completed);
  for (const year of years) {
    if (year > startYear && !available.has(year - 1)) {
      const last = years.at(-1);
      throw new DiagnosticsError([
        errorDiagnostic('simulate.missing_year', `year ${year} needs year ${year - 1} of scenario '${scenarioId}', which has not been simulated or built (plan build --vars year=${year - 1})`, {
          hint: completed.length === 0
            ? `simulate from ${startYear} (--years ${startYear}-${last}), or start later with --vars start_year=${year}`
            : `years complete for '${scenarioId}': ${completed.join(', ')}; simulate --years ${year - 1}${year - 1 === last ? '' : `-${last}`} or use --resume`,
        }),
      ]);
    }
    available.add(year);
  }
}
