// The helpers compiled templates call as `env.jinja.<name>(...)`.
import { add, floorDiv, mod, mul, sub, unpack } from './operators.js';
import { slice } from './slice.js';
import { extraKwargs, makeMacro } from './macro-call.js';
import { locate } from './error-location.js';
import { member, setAttribute } from './member.js';
import { cmp, eq, ne, truthy } from './python-semantics.js';
import { isDict, pyStr, tuple } from './python-str.js';

function iterable(value: unknown, names: number): unknown {
  if (names === 1 && isDict(value)) return Object.keys(value);
  if (value instanceof Map) return names === 1 ? [...value.keys()] : [...value.entries()];
  if (value instanceof Set) return [...value];
  return value;
}

function dictKey(key: unknown): string {
  return typeof key === 'string' ? key : pyStr(key);
}

export const JINJA_RUNTIME = Object.freeze({
  str: pyStr,
  tuple,
  truthy,
  eq,
  ne,
  cmp,
  mod,
  mul,
  add,
  floorDiv,
  sub,
  slice,
  unpack,
  member,
  setAttribute,
  iterable,
  dictKey,
  makeMacro,
  extraKwargs,
  locate,
});
