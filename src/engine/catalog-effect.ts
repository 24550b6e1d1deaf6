import type { RelationKind } from './types.js';

/** What one statement does to the set of tables and views, as far as the relation cache cares. */
export type CatalogEffect =
  | { readonly type: 'none' }
  /** Anything not understood (hooks, multi-statement text, BEGIN/COMMIT, unqualified names...): forget everything. */
  | { readonly type: 'unknown' }
  | { readonly type: 'create'; readonly key: RelationKey; readonly kind: RelationKind; readonly ifNotExists: boolean }
  | { readonly type: 'drop'; readonly key: RelationKey }
  | { readonly type: 'rename'; readonly from: RelationKey; readonly to: RelationKey; readonly kind: RelationKind };

/** A fully qualified relation name as written (unquoted; the cache compares case-insensitively). */
export interface RelationKey {
  readonly database: string;
  readonly schema: string;
  readonly name: string;
}

const NONE: CatalogEffect = { type: 'none' };
const UNKNOWN: CatalogEffect = { type: 'unknown' };

/** Statements that never create, drop or rename a relation (when alone in the text). */
const NEUTRAL = /^(select|with|insert|update|delete|merge|from|values|explain|describe|show|summarize|set|reset|load|install|checkpoint|analyze|pragma\s+table_info)\b/i;

/**
 * Classify a statement sent to DuckDB. Only single statements on fully qualified names
 * ("db"."schema"."name", as the materializations write them) get a precise effect; the rest is
 * 'unknown' and makes the cache reload from the catalog, so a mistake here costs a query, never
 * a wrong answer. TEMP relations live per connection and are never cached: they are 'none'.
 */
export function catalogEffect(sql: string): CatalogEffect {
  const text = codeOf(sql);
  if (text === undefined) return UNKNOWN;
  if (NEUTRAL.test(text)) return NONE;
  if (/^create\s+(schema|index|unique\s+index|sequence)\b/i.test(text)) return NONE;
  if (/^alter\s+table\s/i.test(text) && !/\brename\b/i.test(text)) return NONE; // columns, not relations
  let m = /^create\s+(or\s+replace\s+)?(temp\s+|temporary\s+)?(table|view)\s+(if\s+not\s+exists\s+)?/i.exec(text);
  if (m) {
    if (m[2]) return NONE;
    const name = qualifiedName(text, m[0].length);
    if (!name) return UNKNOWN;
    return { type: 'create', key: name.key, kind: m[3].toLowerCase() as RelationKind, ifNotExists: m[4] !== undefined };
  }
  m = /^drop\s+(table|view)\s+(if\s+exists\s+)?/i.exec(text);
  if (m) {
    const name = qualifiedName(text, m[0].length);
    if (!name || text.slice(name.end).trim() !== '') return UNKNOWN; // CASCADE drops more
    return { type: 'drop', key: name.key };
  }
  m = /^alter\s+(table|view)\s+(if\s+exists\s+)?/i.exec(text);
  if (m) {
    const name = qualifiedName(text, m[0].length);
    const rename = name && /^\s+rename\s+to\s+/i.exec(text.slice(name.end));
    if (!name || !rename) return UNKNOWN;
    const target = identifier(text, name.end + rename[0].length);
    if (!target || text.slice(target.end).trim() !== '') return UNKNOWN;
    return { type: 'rename', from: name.key, to: { ...name.key, name: target.value }, kind: m[1].toLowerCase() as RelationKind };
  }
  return UNKNOWN;
}

/**
 * The statement without leading comments and trailing `;`, or undefined when the text holds more
 * than one statement (a `;` outside strings, quoted names and comments before the end).
 */
function codeOf(sql: string): string | undefined {
  let start = 0;
  let lastCode = -1;
  let sawSemicolonAt = -1;
  let i = 0;
  const n = sql.length;
  let leading = true;
  while (i < n) {
    const ch = sql[i];
    if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
      if (leading) start = i;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      if (leading) start = i;
      continue;
    }
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
      i++;
      if (leading) start = i;
      continue;
    }
    if (ch === ';') {
      if (sawSemicolonAt < 0) sawSemicolonAt = i;
      i++;
      continue;
    }
    if (sawSemicolonAt >= 0) return undefined; // code after a `;`: a second statement
    if (ch === '$') return undefined; // dollar-quoted text: not worth scanning
    leading = false;
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < n && !(sql[j] === ch && sql[j + 1] !== ch)) j += sql[j] === ch ? 2 : 1;
      i = j + 1;
      lastCode = j;
      continue;
    }
    lastCode = i;
    i++;
  }
  return lastCode < start ? undefined : sql.slice(start, lastCode + 1);
}

/** One identifier at `at`: "quoted ""name""" or a bare word. */
function identifier(text: string, at: number): { value: string; end: number } | undefined {
  if (text[at] === '"') {
    let value = '';
    for (let i = at + 1; i < text.length; i++) {
      if (text[i] === '"') {
        if (text[i + 1] === '"') {
          value += '"';
          i++;
        } else return { value, end: i + 1 };
      } else value += text[i];
    }
    return undefined;
  }
  const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(at, at + 256));
  return m ? { value: m[0], end: at + m[0].length } : undefined;
}

/** A three-part name database.schema.name at `at`; fewer parts resolve through the search path, so they are not taken. */
function qualifiedName(text: string, at: number): { key: RelationKey; end: number } | undefined {
  const parts: string[] = [];
  let end = at;
  for (;;) {
    const part = identifier(text, end);
    if (!part) return undefined;
    parts.push(part.value);
    end = part.end;
    if (text[end] !== '.') break;
    end += 1;
  }
  if (parts.length !== 3) return undefined;
  return { key: { database: parts[0], schema: parts[1], name: parts[2] }, end };
}
