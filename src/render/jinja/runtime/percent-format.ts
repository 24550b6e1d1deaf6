// Python's printf-style `"%s-%05.2f" % (a, b)` and `"%(name)s" % {'name': x}` (JS `%` gives NaN).
import { isDict, pyRepr, pyStr } from './python-str.js';

const SPEC = /%(?:\(([^)]*)\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?([diouxXeEfFgGcrsa%])/g;

export function percentFormat(format: string, values: unknown): string {
  const args = Array.isArray(values) ? values : [values];
  const mapping = !Array.isArray(values) && isDict(values) ? values : undefined;
  let next = 0;
  const take = (): unknown => {
    if (next >= args.length) throw new Error(`not enough arguments for format string ${JSON.stringify(format)}`);
    return args[next++];
  };
  const out = format.replace(SPEC, (_m, key: string | undefined, flags: string, width?: string, precision?: string, conv?: string) => {
    if (conv === '%') return '%';
    const w = width === '*' ? Number(take()) : width ? Number(width) : 0;
    const p = precision === '*' ? Number(take()) : precision !== undefined ? Number(precision) : undefined;
    let value: unknown;
    if (key !== undefined) {
      if (!mapping) throw new Error('format requires a mapping');
      value = mapping[key];
    } else value = mapping && format.includes('%(') ? mapping : take();
    return pad(convert(value, conv!, flags, p), w, flags);
  });
  if (!mapping && next < args.length) {
    throw new Error('not all arguments converted during string formatting');
  }
  return out;
}

function convert(value: unknown, conv: string, flags: string, precision: number | undefined): string {
  switch (conv) {
    case 's':
      return precision === undefined ? pyStr(value) : pyStr(value).slice(0, precision);
    case 'r':
    case 'a':
      return pyRepr(value);
    case 'c':
      return typeof value === 'number' ? String.fromCodePoint(value) : pyStr(value);
    default:
      return formatNumber(toNumber(value, conv), conv, flags, precision);
  }
}

function toNumber(value: unknown, conv: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new Error(`%${conv} format: a real number is required, not ${JSON.stringify(pyStr(value))}`);
}

function formatNumber(n: number, conv: string, flags: string, precision: number | undefined): string {
  let body: string;
  const abs = Math.abs(n);
  switch (conv) {
    case 'd':
    case 'i':
    case 'u':
      body = String(Math.trunc(abs));
      break;
    case 'o':
      body = Math.trunc(abs).toString(8);
      break;
    case 'x':
      body = Math.trunc(abs).toString(16);
      break;
    case 'X':
      body = Math.trunc(abs).toString(16).toUpperCase();
      break;
    case 'e':
    case 'E':
      body = exponent(abs.toExponential(precision ?? 6));
      if (conv === 'E') body = body.toUpperCase();
      break;
    case 'g':
    case 'G':
      body = String(Number(abs.toPrecision(precision || 6)));
      break;
    default:
      body = abs.toFixed(precision ?? 6);
  }
  const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + body;
}

/** JS writes `1.5e+0`; Python writes `1.5e+00`. */
function exponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function pad(s: string, width: number, flags: string): string {
  if (s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && /^[+\- ]?\d/.test(s)) {
    const sign = /^[+\- ]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}
