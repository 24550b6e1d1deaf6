/** Edit distance between two strings (insert, delete, substitute; an adjacent swap counts 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * Candidates close enough to `name` to be what the user meant, best first (case-insensitive).
 * "Close enough" is at most a third of the name's length in edits (at least 1, at most 3),
 * or one containing the other when both are at least 4 characters long.
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const wanted = name.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  const scored: { readonly candidate: string; readonly score: number }[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate) || candidate === name) continue;
    seen.add(candidate);
    const lower = candidate.toLowerCase();
    const distance = editDistance(wanted, lower);
    if (distance <= limit) {
      scored.push({ candidate, score: distance });
    } else if (wanted.length >= 4 && lower.length >= 4 && (lower.includes(wanted) || wanted.includes(lower))) {
      scored.push({ candidate, score: limit + 1 });
    }
  }
  scored.sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

/** " (did you mean 'x'?)" or " (did you mean 'x' or 'y'?)", or '' when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>, quote = "'"): string {
  const close = closestNames(name, candidates);
  if (close.length === 0) return '';
  const quoted = close.map((c) => `${quote}${c}${quote}`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` (did you mean ${list}?)`;
}
