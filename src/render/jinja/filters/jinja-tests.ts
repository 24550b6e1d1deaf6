// Jinja's tests that nunjucks lacks or defines differently: `none`, `boolean`, `integer`, `float`,
// `sequence`, `in`, `true`/`false`, and `mapping`/`iterable`/`string` over Python-like values.
import { eq } from '../runtime/python-semantics.js';
import { isDict, isMappingLike, isString } from '../runtime/python-str.js';

type Test = (value: unknown, ...args: unknown[]) => boolean;

export const JINJA_TESTS: Readonly<Record<string, Test>> = {
  none: (v) => v === null,
  null: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  true: (v) => v === true,
  false: (v) => v === false,
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => typeof v === 'number' && !Number.isInteger(v),
  number: (v) => typeof v === 'number',
  string: (v) => isString(v),
  mapping: (v) => isDict(v) || v instanceof Map || isMappingLike(v),
  iterable: (v) => isString(v) || Array.isArray(v) || isDict(v) || (typeof v === 'object' && v !== null && Symbol.iterator in v),
  sequence: (v) => isString(v) || Array.isArray(v) || isDict(v),
  in: (v, seq) => (Array.isArray(seq) ? seq.some((x) => eq(x, v)) : isString(seq) ? String(seq).includes(String(v)) : isDict(seq) ? String(v) in seq : false),
  eq: (a, b) => eq(a, b),
  equalto: (a, b) => eq(a, b),
  '==': (a, b) => eq(a, b),
  ne: (a, b) => !eq(a, b),
  '!=': (a, b) => !eq(a, b),
};
