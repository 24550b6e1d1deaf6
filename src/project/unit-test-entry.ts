import { errorDiagnostic } from '../errors/diagnostic.js';
import { formatKeyPath } from '../config/key-path.js';
import type { KeyPath } from '../config/yaml-document.js';
import type { UnitTestProperties, UnitTestRows } from './types.js';
import type { EntryContext } from './property-entries.js';
import { checkEntry, entryConfig, locationOf } from './property-entries.js';
import { unitTestSchema } from './property-schemas.js';

interface RawRows {
  readonly rows?: readonly Record<string, unknown>[] | string | null;
  readonly format?: 'dict' | 'csv' | 'sql';
  readonly fixture?: string;
}

/** `rows:` in the shape its `format:` asks for: dict -> list of mappings, csv/sql -> text. */
function toRows(raw: RawRows, path: KeyPath, ctx: EntryContext): UnitTestRows {
  const format = raw.format ?? 'dict';
  const fixture = raw.fixture !== undefined ? { fixture: raw.fixture } : {};
  const problem = (message: string, hint: string): UnitTestRows => {
    ctx.diagnostics.push(errorDiagnostic('properties.invalid_rows', `${formatKeyPath([...path, 'rows'], ctx.doc.value)}: ${message}`, { file: ctx.doc.file, line: ctx.doc.lineOf([...path, 'rows']), hint }));
    return { format, ...fixture };
  };
  if (raw.rows === undefined || raw.rows === null) {
    return format === 'dict' && raw.fixture === undefined ? { format, rows: [] } : { format, ...fixture };
  }
  if (raw.fixture !== undefined) return problem('give either rows or fixture, not both', 'remove one of them');
  if (format === 'dict') {
    if (typeof raw.rows === 'string') return problem('format dict expects a list of rows, found text', 'write rows as `- {id: 1, name: a}`, or set `format: csv`');
    return { format, rows: raw.rows };
  }
  if (typeof raw.rows !== 'string') return problem(`format ${format} expects the rows as text, found a list`, `write \`rows: |\` followed by ${format === 'csv' ? 'CSV lines (header first)' : 'a SELECT'}, or drop \`format: ${format}\``);
  return format === 'csv' ? { format, csv: raw.rows } : { format, sql: raw.rows };
}

export function unitTestEntry(raw: unknown, path: KeyPath, ctx: EntryContext): UnitTestProperties | undefined {
  const entry = checkEntry(unitTestSchema, raw, path, ctx);
  if (!entry) return undefined;
  const overrides = entry.overrides ?? {};
  return {
    name: entry.name,
    model: entry.model,
    description: entry.description ?? '',
    given: (entry.given ?? []).map((g, i) => ({ input: g.input, ...toRows(g, [...path, 'given', i], ctx) })),
    expect: toRows(entry.expect, [...path, 'expect'], ctx),
    overrides: { vars: overrides.vars ?? {}, macros: overrides.macros ?? {}, env_vars: overrides.env_vars ?? {} },
    config: entryConfig('unit_test', { config: entry.config }, path, ctx),
    location: locationOf(ctx, path),
  };
}
