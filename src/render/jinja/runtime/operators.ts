// Python's arithmetic on template values: `%` formats strings, `*` repeats, `+` joins lists,
// `%` and `//` floor like Python.
import { percentFormat } from './percent-format.js';
import { asString, isString } from './python-str.js';

function repeat<T>(seq: T[] | string, times: number): T[] | string {
  const n = Math.max(0, Math.trunc(times));
  if (typeof seq === 'string') return seq.repeat(n);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(...seq);
  return out;
}

function zeroDivision(b: unknown): void {
  if (b === 0) throw new Error('division or modulo by zero');
}

export function mod(a: unknown, b: unknown): unknown {
  if (isString(a)) return percentFormat(asString(a), b);
  zeroDivision(b);
  const x = a as number;
  const y = b as number;
  return x - y * Math.floor(x / y);
}

export function mul(a: unknown, b: unknown): unknown {
  if ((isString(a) || Array.isArray(a)) && typeof b === 'number') return repeat(isString(a) ? asString(a) : a, b);
  if ((isString(b) || Array.isArray(b)) && typeof a === 'number') return repeat(isString(b) ? asString(b) : b, a);
  return (a as number) * (b as number);
}

/** Values that define Python's `+` / `-` themselves (the datetime values of modules.datetime). */
function pythonOperator(a: unknown, name: '__add__' | '__sub__'): ((b: unknown) => unknown) | undefined {
  const method = a !== null && typeof a === 'object' ? (a as Record<string, unknown>)[name] : undefined;
  return typeof method === 'function' ? (method as (b: unknown) => unknown).bind(a) : undefined;
}

export function add(a: unknown, b: unknown): unknown {
  const own = pythonOperator(a, '__add__');
  if (own) return own(b);
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isString(a) && isString(b)) return asString(a) + asString(b);
  return (a as number) + (b as number);
}

export function sub(a: unknown, b: unknown): unknown {
  const own = pythonOperator(a, '__sub__');
  if (own) return own(b);
  return (a as number) - (b as number);
}

export function floorDiv(a: unknown, b: unknown): number {
  zeroDivision(b);
  return Math.floor((a as number) / (b as number));
}

/** `{% set a, b = pair %}` */
export function unpack(value: unknown, count: number, i: number): unknown {
  const seq = isString(value) ? [...asString(value)] : value;
  if (!Array.isArray(seq)) throw new Error(`cannot unpack a non-sequence into ${count} names`);
  if (seq.length !== count) throw new Error(`expected ${count} values to unpack, got ${seq.length}`);
  return seq[i];
}
