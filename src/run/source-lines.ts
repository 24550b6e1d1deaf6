/**
 * Map a line of compiled SQL back to the model's source line. Jinja can add or remove lines, so
 * the compiled and raw texts are aligned on identical (trimmed) lines with a longest common
 * subsequence; an unmatched compiled line maps to the raw line after the last matched one.
 */
export function compiledLineToSourceLine(rawCode: string, compiledSql: string, compiledLine: number): number {
  const raw = rawCode.split('\n').map((l) => l.trim());
  const compiled = compiledSql.split('\n').map((l) => l.trim());
  if (compiledLine < 1) return 1;
  if (raw.length === compiled.length && raw.length < 5000) {
    // Same shape: the usual case for models whose Jinja stays on its lines.
    if (raw[compiledLine - 1] === compiled[compiledLine - 1] || !raw.some((l) => l.includes('{%'))) return Math.min(compiledLine, raw.length);
  }
  if (raw.length * compiled.length > 4_000_000) return Math.min(compiledLine, raw.length);
  const match = lcsMatches(raw, compiled);
  const target = compiledLine - 1;
  if (match.has(target) && raw[match.get(target)!] !== '') return match.get(target)! + 1;
  let lastRaw = -1;
  for (let c = target; c >= 0; c--) {
    if (match.has(c)) {
      lastRaw = match.get(c)!;
      break;
    }
  }
  return Math.min(raw.length, lastRaw + 2);
}

/** compiled index -> raw index for lines in a longest common subsequence. */
function lcsMatches(raw: readonly string[], compiled: readonly string[]): Map<number, number> {
  const n = raw.length;
  const m = compiled.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = raw[i] === compiled[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const matches = new Map<number, number>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (raw[i] === compiled[j]) {
      matches.set(j, i);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return matches;
}

/** 1-based line within `statement` at which `inner` starts, or undefined. */
export function lineOffsetOf(statement: string, inner: string): number | undefined {
  const probe = inner.trim().slice(0, 200);
  const at = statement.indexOf(probe);
  if (at < 0) return undefined;
  let lines = 0;
  for (let i = 0; i < at; i++) if (statement.charCodeAt(i) === 10) lines++;
  // Lines of `inner` before its first non-blank text (a `{{ config() }}` line renders empty).
  const lead = inner.indexOf(probe);
  for (let i = 0; i < lead; i++) if (inner.charCodeAt(i) === 10) lines--;
  return lines;
}
