/** SQL literal text for a fixture value from yml (dict rows) or csv (strings). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `'${String(value).toLowerCase()}'`;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (Array.isArray(value)) return `[${value.map(sqlLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `'${k.replaceAll("'", "''")}': ${sqlLiteral(v)}`).join(', ')}}`;
  }
  return `'${String(value).replaceAll("'", "''")}'`;
}
