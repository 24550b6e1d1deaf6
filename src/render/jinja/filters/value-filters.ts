// Jinja's scalar filters where nunjucks lacks them or differs: tojson, string (Python str), default
// with Python truthiness, int/float/round with keywords, title, format (printf), and dbt's
// as_bool/as_number/as_text/as_native.
import { argument, splitArgs } from '../split-args.js';
import { percentFormat } from '../runtime/percent-format.js';
import { truthy } from '../runtime/python-semantics.js';
import { asString, isString, pyStr } from '../runtime/python-str.js';
import { htmlSafeJson } from './tojson.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

function toInt(value: unknown, fallback: unknown, base: number): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : fallback;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (!isString(value)) return fallback;
  const s = asString(value).trim().replace(/_/g, '');
  const pattern = base === 16 ? /^[+-]?(0x)?[0-9a-f]+$/i : base === 8 ? /^[+-]?(0o)?[0-7]+$/i : base === 2 ? /^[+-]?(0b)?[01]+$/i : /^[+-]?\d+$/;
  if (pattern.test(s)) return parseInt(s.replace(/^([+-]?)0[xob]/i, '$1'), base);
  const f = toFloat(s, undefined);
  return typeof f === 'number' ? Math.trunc(f) : fallback;
}

function toFloat(value: unknown, fallback: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (!isString(value)) return fallback;
  const s = asString(value).trim().toLowerCase();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return Number(s);
  if (/^[+-]?(inf|infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (s === 'nan') return NaN;
  return fallback;
}

/** Python's ast.literal_eval for the scalars dbt's as_* filters see. */
function literal(value: unknown): unknown {
  if (!isString(value)) return value;
  const s = asString(value).trim();
  if (s === 'True' || s === 'true') return true;
  if (s === 'False' || s === 'false') return false;
  if (s === 'None') return null;
  const n = toFloat(s, undefined);
  if (typeof n === 'number' && s !== '') return n;
  if (/^\[.*\]$|^\{.*\}$/s.test(s)) {
    try {
      return JSON.parse(s.replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null'));
    } catch {
      return value;
    }
  }
  return value;
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(n: number): number {
  const floor = Math.floor(n);
  const diff = n - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export const VALUE_FILTERS: Readonly<Record<string, Filter>> = {
  tojson(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    const indent = argument(positional, kwargs, 0, 'indent');
    return htmlSafeJson(value, typeof indent === 'number' ? indent : undefined);
  },
  string: (value) => pyStr(value),
  default(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    const fallback = argument(positional, kwargs, 0, 'default_value', '');
    const boolean = argument(positional, kwargs, 1, 'boolean', false) === true;
    return value === undefined || (boolean && !truthy(value)) ? fallback : value;
  },
  int(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    return toInt(value, argument(positional, kwargs, 0, 'default', 0), Number(argument(positional, kwargs, 1, 'base', 10)));
  },
  float(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    return toFloat(value, argument(positional, kwargs, 0, 'default', 0));
  },
  round(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    const precision = Number(argument(positional, kwargs, 0, 'precision', 0));
    const method = String(argument(positional, kwargs, 1, 'method', 'common'));
    const factor = 10 ** precision;
    const n = (value as number) * factor;
    const rounded = method === 'ceil' ? Math.ceil(n) : method === 'floor' ? Math.floor(n) : roundHalfEven(n);
    return rounded / factor;
  },
  title: (value) => pyStr(value).replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()),
  format(value, ...rest) {
    const { positional, kwargs } = splitArgs(rest);
    return percentFormat(pyStr(value), Object.keys(kwargs).length > 0 ? kwargs : positional);
  },
  as_text: (value) => pyStr(value),
  as_bool: (value) => literal(value),
  as_number: (value) => literal(value),
  as_native: (value) => literal(value),
};
