// Jinja/dbt macro calling: `return(x)` ends the macro with the value x, extra positional arguments
// become `varargs`, unknown keywords become `kwargs`.
import { runtime } from '../nunjucks-internals.js';
import { pyStr } from './python-str.js';

/** Thrown by `return(x)` and caught by the innermost macro call. Not an Error: no stack to build. */
export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

export function returnValue(value: unknown): never {
  throw new ReturnSignal(value);
}

type MacroBody = (...args: unknown[]) => string;

export function makeMacro(argNames: readonly string[], defaultNames: readonly string[], body: MacroBody): (...args: unknown[]) => unknown {
  return function macro(this: unknown, ...callArgs: unknown[]): unknown {
    const argCount = runtime.numArgs(callArgs) as number;
    const kwargs: Record<string, unknown> = argCount < callArgs.length ? { ...(callArgs[argCount] as object) } : {};
    const args: unknown[] = [];
    for (let i = 0; i < argNames.length; i++) {
      const name = argNames[i]!;
      if (i < argCount) args.push(callArgs[i]);
      else {
        args.push(kwargs[name]);
        delete kwargs[name];
      }
    }
    const varargs: unknown[] = [];
    for (let i = argNames.length; i < argCount; i++) {
      const slot = i - argNames.length;
      if (slot < defaultNames.length) kwargs[defaultNames[slot]!] = callArgs[i];
      else varargs.push(callArgs[i]);
    }
    args.push(kwargs, varargs);
    try {
      return body.apply(this, args);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    }
  };
}

/** The keywords a macro did not declare, for Jinja's `kwargs` variable. */
export function extraKwargs(kwargs: Readonly<Record<string, unknown>>, declared: readonly string[]): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kwargs)) {
    if (key !== '__keywords' && key !== 'caller' && !declared.includes(key)) extra[key] = value;
  }
  return extra;
}

/** A macro's result as seen from TypeScript: the returned value, or the rendered text. */
export function macroResult(value: unknown): unknown {
  return value instanceof runtime.SafeString ? pyStr(value) : value;
}
