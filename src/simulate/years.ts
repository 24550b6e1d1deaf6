import { ConfigError } from '../errors/plan-error.js';

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
