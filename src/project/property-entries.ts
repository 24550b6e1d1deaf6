import type { z } from 'zod';
import type { Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic, warningDiagnostic } from '../errors/diagnostic.js';
import type { ResourceType } from '../config/config-names.js';
import { checkConfigBlock } from '../config/config-values.js';
import { formatKeyPath, isPlainObject } from '../config/key-path.js';
import { checkWithSchema } from '../config/schema-check.js';
import type { KeyPath, YamlDocument } from '../config/yaml-document.js';
import type { ColumnConstraint, ColumnProperties, TestDeclaration, YamlLocation } from './types.js';
import { columnSchema } from './property-schemas.js';
import { normalizeTests } from './test-declaration.js';

/** What every entry converter needs: the document, the project's flavor, and where to report. */
export interface EntryContext {
  readonly doc: YamlDocument;
  readonly flavor: 'plan' | 'dbt';
  readonly diagnostics: Diagnostic[];
}

export function locationOf(ctx: EntryContext, path: KeyPath): YamlLocation {
  return { file: ctx.doc.file, line: ctx.doc.lineOf(path) ?? 1 };
}

export function checkEntry<S extends z.ZodType>(schema: S, value: unknown, path: KeyPath, ctx: EntryContext): z.output<S> | undefined {
  const checked = checkWithSchema(schema, value, { doc: ctx.doc, basePath: path, unknownKeys: 'error', codePrefix: 'properties' });
  ctx.diagnostics.push(...checked.diagnostics);
  return checked.data;
}

export function tagList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/**
 * An entry's `config:` block, checked, with the properties dbt also treats as configs
 * (`tags`, `meta`, `docs`, `access`, `group`) folded in. `config:` values win; tags add up.
 */
export function entryConfig(
  resourceType: ResourceType,
  entry: { readonly config?: Record<string, unknown> | null; readonly tags?: string | string[] | null; readonly meta?: Record<string, unknown> | null; readonly docs?: unknown; readonly access?: unknown; readonly group?: unknown },
  path: KeyPath,
  ctx: EntryContext,
): Record<string, unknown> {
  const config = { ...(entry.config ?? {}) };
  ctx.diagnostics.push(
    ...checkConfigBlock(resourceType, config, { doc: ctx.doc, basePath: [...path, 'config'], unknownKeys: ctx.flavor === 'plan' ? 'error' : 'warning', codePrefix: 'properties' }),
  );
  const tags = [...tagList(entry.tags), ...tagList(config.tags as string | string[] | undefined)];
  if (tags.length > 0) config.tags = [...new Set(tags)];
  if (entry.meta) config.meta = { ...entry.meta, ...(isPlainObject(config.meta) ? config.meta : {}) };
  if (entry.docs && config.docs === undefined) config.docs = entry.docs;
  if (entry.access !== undefined && config.access === undefined) config.access = entry.access;
  if (entry.group !== undefined && config.group === undefined) config.group = entry.group;
  return config;
}

/** `tests:` or `data_tests:` of an entry (both at once is an error, as in dbt). */
export function entryTests(entry: { readonly tests?: unknown; readonly data_tests?: unknown }, path: KeyPath, ctx: EntryContext): TestDeclaration[] {
  const hasTests = entry.tests !== undefined && entry.tests !== null;
  const hasDataTests = entry.data_tests !== undefined && entry.data_tests !== null;
  if (hasTests && hasDataTests) {
    ctx.diagnostics.push(
      errorDiagnostic('properties.duplicate_key', `${formatKeyPath(path, ctx.doc.value)}: both 'tests' and 'data_tests' are set`, {
        file: ctx.doc.file,
        line: ctx.doc.lineOf([...path, 'tests']),
        hint: "keep one list; 'data_tests' is the current name",
      }),
    );
  }
  const key = hasDataTests ? 'data_tests' : 'tests';
  const normalized = normalizeTests(entry[key], { doc: ctx.doc, path: [...path, key], unknownConfigs: ctx.flavor === 'plan' ? 'error' : 'warning' });
  ctx.diagnostics.push(...normalized.diagnostics);
  return normalized.tests;
}

/** The `columns:` list of a model, seed or source table; a column declared twice is an error. */
export function entryColumns(list: readonly unknown[] | null | undefined, path: KeyPath, ctx: EntryContext): ColumnProperties[] {
  const columns: ColumnProperties[] = [];
  const seen = new Map<string, YamlLocation>();
  (list ?? []).forEach((raw, i) => {
    const columnPath = [...path, 'columns', i];
    const column = checkEntry(columnSchema, raw, columnPath, ctx);
    if (!column) return;
    const location = locationOf(ctx, columnPath);
    const key = column.quote ? column.name : column.name.toLowerCase();
    const first = seen.get(key);
    if (first) {
      ctx.diagnostics.push(
        errorDiagnostic('properties.duplicate_column', `${formatKeyPath(path, ctx.doc.value)}: column '${column.name}' is declared twice (lines ${first.line} and ${location.line})`, {
          file: ctx.doc.file,
          line: location.line,
          hint: 'merge the two entries into one',
        }),
      );
      return;
    }
    seen.set(key, location);
    const config = isPlainObject(column.config) ? column.config : {};
    columns.push({
      name: column.name,
      description: column.description ?? '',
      ...(column.data_type ? { data_type: column.data_type } : {}),
      ...(typeof column.quote === 'boolean' ? { quote: column.quote } : {}),
      constraints: (column.constraints ?? []) as ColumnConstraint[],
      tests: entryTests(column, columnPath, ctx),
      meta: { ...(column.meta ?? {}), ...(isPlainObject(config.meta) ? config.meta : {}) },
      tags: [...new Set([...tagList(column.tags), ...tagList(config.tags as string[] | undefined)])],
      location,
    });
  });
  return columns;
}

/** Two entries with the same name in one list (two `- name: orders` under models:) is an error. */
export function checkDuplicateNames(entries: readonly { readonly name: string; readonly location: YamlLocation }[], kind: string, ctx: EntryContext): void {
  const seen = new Map<string, YamlLocation>();
  for (const entry of entries) {
    const first = seen.get(entry.name);
    if (first) {
      ctx.diagnostics.push(
        errorDiagnostic('properties.duplicate_entry', `${kind} '${entry.name}' is described twice (lines ${first.line} and ${entry.location.line})`, {
          file: ctx.doc.file,
          line: entry.location.line,
          hint: 'merge the two entries into one',
        }),
      );
    } else {
      seen.set(entry.name, entry.location);
    }
  }
}

export function unsupportedWarning(ctx: EntryContext, path: KeyPath, what: string): void {
  ctx.diagnostics.push(warningDiagnostic('properties.unsupported', `${formatKeyPath(path, ctx.doc.value)}: ${what} not supported by plan; ignored`, { file: ctx.doc.file, line: ctx.doc.lineOf(path) }));
}
