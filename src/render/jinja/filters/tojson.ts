// Jinja's `tojson`: Python json.dumps with sorted keys and `, `/`: ` separators, ASCII-only, and
// `< > & '` escaped as \u00XX (Jinja's htmlsafe_json_dumps). nunjucks' `dump` differs on all of it.
import { isDict, isString, asString } from '../runtime/python-str.js';

export function pyJsonDumps(value: unknown, indent?: number, sortKeys = true, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (isString(value)) return jsonString(asString(value));
  const pad = indent === undefined ? '' : '\n' + ' '.repeat(indent * (depth + 1));
  const close = indent === undefined ? '' : '\n' + ' '.repeat(indent * depth);
  const sep = indent === undefined ? ', ' : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${pad}${value.map((v) => pyJsonDumps(v, indent, sortKeys, depth + 1)).join(sep + pad)}${close}]`;
  }
  if (isDict(value) || typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (sortKeys) keys.sort();
    if (keys.length === 0) return '{}';
    const items = keys.map((k) => `${jsonString(k)}: ${pyJsonDumps(record[k], indent, sortKeys, depth + 1)}`);
    return `{${pad}${items.join(sep + pad)}${close}}`;
  }
  return jsonString(String(value));
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

export function htmlSafeJson(value: unknown, indent?: number): string {
  return pyJsonDumps(value, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/'/g, '\\u0027');
}
