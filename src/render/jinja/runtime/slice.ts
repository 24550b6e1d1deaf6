// Python's slices (`s[1:]`, `xs[::-1]`), compiled from JinjaSlice nodes (syntax/slices.ts).
/** Python's seq[start:stop:step] for lists and strings. */
export function slice(seq: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const text = typeof seq === 'string' ? seq : seq && typeof seq === 'object' && 'val' in seq ? String((seq as { val: unknown }).val) : undefined;
  const items: unknown[] = text !== undefined ? [...text] : Array.isArray(seq) ? seq : [];
  const n = items.length;
  const by = step === null || step === undefined ? 1 : Number(step);
  if (by === 0) throw new Error('slice step cannot be zero');
  const clamp = (v: unknown, fallback: number, low: number, high: number): number => {
    if (v === null || v === undefined) return fallback;
    const i = Number(v) < 0 ? Number(v) + n : Number(v);
    return Math.min(Math.max(i, low), high);
  };
  const out: unknown[] = [];
  if (by > 0) {
    for (let i = clamp(start, 0, 0, n), end = clamp(stop, n, 0, n); i < end; i += by) out.push(items[i]);
  } else {
    for (let i = clamp(start, n - 1, -1, n - 1), end = clamp(stop, -1, -1, n - 1); i > end; i += by) out.push(items[i]);
  }
  return text !== undefined ? out.join('') : out;
}
