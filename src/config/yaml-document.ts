import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair } from 'yaml';
import type { Node as YamlNode } from 'yaml';
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

function keyMatches(key: unknown, segment: string | number): boolean {
  const k = isScalar(key) ? key.value : key;
  return k === segment || String(k) === String(segment);
}

function startLine(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}

function makeLineOf(contents: unknown, lines: LineCounter) {
  return (path: KeyPath): number | undefined => {
    let node: unknown = contents;
    let line = startLine(node, lines) ?? 1;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyMatches(p.key, segment));
        if (!pair) return line;
        line = startLine(pair.key, lines) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) return line;
        line = startLine(item, lines) ?? line;
        node = item;
      } else {
        return line;
      }
    }
    return line;
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
export function parseYaml(text: string, file: string): Checked<YamlDocument | undefined> {
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
  const lineOf = makeLineOf(doc.contents as YamlNode | null, lines);
  return { value: { file, value: value ?? null, lineOf }, diagnostics: [] };
}
