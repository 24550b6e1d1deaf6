// Python's `'{} {name:>5} {0:.2f}'.format(a, name=b)` for string templates.
import { isDict, pyRepr, pyStr } from './python-str.js';

export function strFormat(format: string, positional: readonly unknown[], named: Readonly<Record<string, unknown>>): string {
  let out = '';
  let auto = 0;
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    if (ch === '{' && format[i + 1] === '{') {
      out += '{';
      i += 2;
    } else if (ch === '}' && format[i + 1] === '}') {
      out += '}';
      i += 2;
    } else if (ch === '{') {
      const end = format.indexOf('}', i);
      if (end < 0) throw new Error("Single '{' encountered in format string");
      const field = format.slice(i + 1, end);
      i = end + 1;
      const [ref, spec = ''] = splitOnce(field, ':');
      const [path, conversion] = splitOnce(ref, '!');
      let value = resolveField(path, positional, named, () => auto++);
      if (conversion === 'r') value = pyRepr(value);
      out += formatSpec(value, spec);
    } else if (ch === '}') {
      throw new Error("Single '}' encountered in format string");
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const at = s.indexOf(sep);
  return at < 0 ? [s, undefined] : [s.slice(0, at), s.slice(at + 1)];
}

function resolveField(path: string, positional: readonly unknown[], named: Readonly<Record<string, unknown>>, nextAuto: () => number): unknown {
  const match = /^([^.[]*)(.*)$/.exec(path)!;
  const head = match[1]!;
  let value: unknown;
  if (head === '') value = positional[nextAuto()];
  else if (/^\d+$/.test(head)) value = positional[Number(head)];
  else if (head in named) value = named[head];
  else throw new Error(`format: no value for field '${head}'`);
  for (const part of match[2]!.matchAll(/\.(\w+)|\[([^\]]+)\]/g)) {
    const key = part[1] ?? part[2]!;
    value = Array.isArray(value) && /^\d+$/.test(key) ? value[Number(key)] : isDict(value) || typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

export function formatSpec(value: unknown, spec: string): string {
  if (spec === '') return pyStr(value);
  const m = SPEC.exec(spec);
  if (!m) throw new Error(`Invalid format specifier '${spec}'`);
  const [, fillCh, alignCh, sign, , zero, widthS, grouping, precS, type] = m;
  const width = widthS ? Number(widthS) : 0;
  const precision = precS !== undefined ? Number(precS) : undefined;
  const numeric = typeof value === 'number' || typeof value === 'boolean';
  let body: string;
  if (!numeric || type === 's') {
    body = pyStr(value);
    if (precision !== undefined) body = body.slice(0, precision);
  } else body = formatNumber(Number(value), type, precision, grouping, sign);
  const fill = fillCh ?? (zero && numeric ? '0' : ' ');
  const align = alignCh ?? (zero && numeric ? '=' : numeric ? '>' : '<');
  return align2(body, width, fill, align);
}

function formatNumber(n: number, type: string | undefined, precision: number | undefined, grouping?: string, sign?: string): string {
  const abs = Math.abs(n);
  let body: string;
  switch (type) {
    case 'f':
    case 'F':
      body = abs.toFixed(precision ?? 6);
      break;
    case '%':
      body = `${(abs * 100).toFixed(precision ?? 6)}%`;
      break;
    case 'e':
    case 'E':
      body = abs.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      if (type === 'E') body = body.toUpperCase();
      break;
    case 'd':
    case 'n':
      body = String(Math.trunc(abs));
      break;
    case 'x':
    case 'X':
      body = Math.trunc(abs).toString(16);
      if (type === 'X') body = body.toUpperCase();
      break;
    case 'o':
      body = Math.trunc(abs).toString(8);
      break;
    case 'b':
      body = Math.trunc(abs).toString(2);
      break;
    default:
      body = precision !== undefined ? String(Number(abs.toPrecision(precision))) : String(abs);
  }
  if (grouping) {
    const [int, frac] = splitOnce(body, '.');
    body = int.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (frac !== undefined ? `.${frac}` : '');
  }
  const signCh = n < 0 ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
  return signCh + body;
}

function align2(body: string, width: number, fill: string, align: string): string {
  const missing = width - body.length;
  if (missing <= 0) return body;
  switch (align) {
    case '<':
      return body + fill.repeat(missing);
    case '^': {
      const left = Math.floor(missing / 2);
      return fill.repeat(left) + body + fill.repeat(missing - left);
    }
    case '=': {
      const sign = /^[+\- ]/.test(body) ? body[0]! : '';
      return sign + fill.repeat(missing) + body.slice(sign.length);
    }
    default:
      return fill.repeat(missing) + body;
  }
}
