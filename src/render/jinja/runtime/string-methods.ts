// Python's str methods (`.upper()`, `.split()`, `.format()`, `.replace()` of every match...),
// which nunjucks lacks or gives JS meaning to.
import { argument, splitArgs } from '../split-args.js';
import { isString, asString, pyStr } from './python-str.js';
import { strFormat } from './str-format.js';

type Method = (s: string, args: unknown[]) => unknown;

const WHITESPACE = ' \t\n\r\x0b\x0c';

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WHITESPACE : String(chars);
  let start = 0;
  let end = s.length;
  if (left) while (start < end && set.includes(s[start]!)) start++;
  if (right) while (end > start && set.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}

function affixes(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => asString(v as string)) : [isString(value) ? asString(value) : String(value)];
}

function split(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === undefined || sep === null) {
    const parts = s.trim() === '' ? [] : s.trim().split(/\s+/);
    if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
    const rest = s.trim().replace(new RegExp(`^(?:\\S+\\s+){${maxsplit}}`), '');
    return [...parts.slice(0, maxsplit), rest];
  }
  const separator = String(sep);
  if (separator === '') throw new Error('split: empty separator');
  const parts = s.split(separator);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(separator)];
}

function replace(s: string, old: string, replacement: string, count: number): string {
  if (count < 0) return s.split(old).join(replacement);
  let out = s;
  let from = 0;
  for (let n = 0; n < count; n++) {
    const at = out.indexOf(old, from);
    if (at < 0) break;
    out = out.slice(0, at) + replacement + out.slice(at + old.length);
    from = at + replacement.length + (old === '' ? 1 : 0);
  }
  return out;
}

function title(s: string): string {
  return s.replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
}

export const STRING_METHODS: Readonly<Record<string, Method>> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  strip: (s, [chars]) => stripChars(s, chars, true, true),
  lstrip: (s, [chars]) => stripChars(s, chars, true, false),
  rstrip: (s, [chars]) => stripChars(s, chars, false, true),
  startswith: (s, [prefix]) => affixes(prefix).some((p) => s.startsWith(p)),
  endswith: (s, [suffix]) => affixes(suffix).some((p) => s.endsWith(p)),
  split: (s, args) => {
    const { positional, kwargs } = splitArgs(args);
    return split(s, argument(positional, kwargs, 0, 'sep'), Number(argument(positional, kwargs, 1, 'maxsplit', -1)));
  },
  splitlines: (s) => s.split(/\r\n|\r|\n/).filter((line, i, all) => i < all.length - 1 || line !== ''),
  replace: (s, [old, replacement, count]) => replace(s, pyStr(old), pyStr(replacement), count === undefined ? -1 : Number(count)),
  title: (s) => title(s),
  capitalize: (s) => (s ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  join: (s, [items]) => (Array.isArray(items) ? items.map((v) => pyStr(v)).join(s) : [...String(items)].join(s)),
  format: (s, args) => {
    const { positional, kwargs } = splitArgs(args);
    return strFormat(s, positional, kwargs);
  },
  find: (s, [sub]) => s.indexOf(pyStr(sub)),
  rfind: (s, [sub]) => s.lastIndexOf(pyStr(sub)),
  index: (s, [sub]) => {
    const at = s.indexOf(pyStr(sub));
    if (at < 0) throw new Error('substring not found');
    return at;
  },
  count: (s, [sub]) => (pyStr(sub) === '' ? s.length + 1 : s.split(pyStr(sub)).length - 1),
  isdigit: (s) => /^\d+$/.test(s),
  isnumeric: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^[A-Za-z]+$/.test(s),
  isalnum: (s) => /^[A-Za-z0-9]+$/.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  zfill: (s, [width]) => (/^[+-]/.test(s) ? s[0]! + s.slice(1).padStart(Number(width) - 1, '0') : s.padStart(Number(width), '0')),
  ljust: (s, [width, fill]) => s.padEnd(Number(width), fill === undefined ? ' ' : String(fill)),
  rjust: (s, [width, fill]) => s.padStart(Number(width), fill === undefined ? ' ' : String(fill)),
  center: (s, [width, fill]) => {
    const missing = Math.max(0, Number(width) - s.length);
    const f = fill === undefined ? ' ' : String(fill);
    const left = Math.floor(missing / 2) + (missing % 2 === 1 && s.length % 2 === 1 ? 1 : 0);
    return f.repeat(left) + s + f.repeat(missing - left);
  },
  partition: (s, [sep]) => {
    const at = s.indexOf(pyStr(sep));
    return at < 0 ? [s, '', ''] : [s.slice(0, at), pyStr(sep), s.slice(at + pyStr(sep).length)];
  },
  removeprefix: (s, [prefix]) => (s.startsWith(pyStr(prefix)) ? s.slice(pyStr(prefix).length) : s),
  removesuffix: (s, [suffix]) => (pyStr(suffix) && s.endsWith(pyStr(suffix)) ? s.slice(0, -pyStr(suffix).length) : s),
};
