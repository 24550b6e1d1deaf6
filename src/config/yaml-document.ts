import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair } from 'yaml';
import type { Checked, Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic } from '../errors/diagnostic.js';

export type KeyPath = readonly (string | number)[];

/** A parsed yml file: its plain value, and the 1-based line of any key or item in it. */
export interface YamlDocument {
  readonly file: string;
  readonly value: unknown;
  /**
   * Line of the entry at `path`: for a map key, the line of the key; for a list item, the
   * item's first line. Falls back to the closest enclosing entry that has a position.
   */
  lineOf(path: KeyPath): number | undefined;
}

/**
 * A successful parse in a form that survives JSON (what the parse cache stores): the plain value,
 * the line of every map key and list item by pathKey(), and the line of the root.
 */
export interface ParsedYaml {
  readonly value: unknown;
  readonly lines: Readonly<Record<string, number>>;
  readonly rootLine: number;
}

/** Somewhere to keep parses between runs, keyed by the file's text (see src/project/yaml-parse-cache.ts). */
export interface YamlParseCache {
  get(text: string): ParsedYaml | undefined;
  set(text: string, parsed: ParsedYaml): void;
}

function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path.map(String));
}

function startLine(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}

/** The line of every scalar map key and list item under `node` (a key's line, an item's first line). */
function lineTable(node: unknown, lines: LineCounter, rootLine: number): Record<string, number> {
  const table: Record<string, number> = {};
  const walk = (current: unknown, path: (string | number)[], line: number): void => {
    if (isMap(current)) {
      for (const pair of current.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const keyPath = [...path, String(pair.key.value)];
        const keyLine = startLine(pair.key, lines) ?? line;
        table[pathKey(keyPath)] ??= keyLine;
        walk(pair.value, keyPath, keyLine);
      }
    } else if (isSeq(current)) {
      current.items.forEach((item, i) => {
        const itemLine = startLine(item, lines) ?? line;
        table[pathKey([...path, i])] = itemLine;
        walk(item, [...path, i], itemLine);
      });
    }
  };
  walk(node, [], rootLine);
  return table;
}

function documentOf(file: string, parsed: ParsedYaml): YamlDocument {
  return {
    file,
    value: parsed.value,
    // The entry at `path`, else the closest enclosing entry that exists.
    lineOf: (path) => {
      for (let n = path.length; n > 0; n--) {
        const line = parsed.lines[pathKey(path.slice(0, n))];
        if (line !== undefined) return line;
      }
      return parsed.rootLine;
    },
  };
}

/** Drops yaml's " at line 3, column 1:\n\n<excerpt>" tail: we print the position ourselves. */
function shortMessage(message: string): string {
  const cut = message.indexOf(' at line ');
  return (cut >= 0 ? message.slice(0, cut) : message).trim();
}

/**
 * Parses one yml file, keeping line information. YAML 1.2 core schema plus `<<` merge keys
 * (common in dbt projects). Syntax errors (duplicate keys included) come back as diagnostics
 * with 1-based line and column, and the value is undefined.
 */
export function parseYaml(text: string, file: string, cache?: YamlParseCache): Checked<YamlDocument | undefined> {
  const cached = cache?.get(text);
  if (cached) return { value: documentOf(file, cached), diagnostics: [] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const diagnostics: Diagnostic[] = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return errorDiagnostic('yaml.syntax', `invalid YAML: ${shortMessage(e.message)}`, {
        file,
        line: pos?.line,
        col: pos?.col,
        hint: 'fix the YAML syntax (indentation, quoting, unique keys) at this position',
      });
    });
    return { value: undefined, diagnostics };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return {
      value: undefined,
      diagnostics: [errorDiagnostic('yaml.syntax', `invalid YAML: ${(e as Error).message}`, { file, line: 1 })],
    };
  }
  const rootLine = startLine(doc.contents, lines) ?? 1;
  const parsed: ParsedYaml = { value: value ?? null, lines: lineTable(doc.contents, lines, rootLine), rootLine };
  cache?.set(text, parsed);
  return { value: documentOf(file, parsed), diagnostics: [] };
}
