/** A Date that templates can use like Python's datetime (run_started_at.strftime('%Y-%m-%d')). */
export function pythonDate(date: Date): Record<string, unknown> {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const codes: Record<string, () => string> = {
    Y: () => String(date.getUTCFullYear()),
    m: () => pad(date.getUTCMonth() + 1),
    d: () => pad(date.getUTCDate()),
    H: () => pad(date.getUTCHours()),
    M: () => pad(date.getUTCMinutes()),
    S: () => pad(date.getUTCSeconds()),
    f: () => pad(date.getUTCMilliseconds() * 1000, 6),
    '%': () => '%',
  };
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    strftime: (format: string) => String(format).replace(/%(.)/g, (m, c: string) => (codes[c] ? codes[c]() : m)),
    isoformat: () => date.toISOString(),
    timestamp: () => date.getTime() / 1000,
    toString: () => date.toISOString().replace('T', ' ').replace('Z', '+00:00'),
  };
}
