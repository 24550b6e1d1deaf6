/**
 * For JS functions exposed as globals: nunjucks passes keyword arguments as one trailing object
 * marked `__keywords`. Split them from the positional ones.
 */
export function splitArgs(args: readonly unknown[]): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (last !== null && typeof last === 'object' && Object.prototype.hasOwnProperty.call(last, '__keywords')) {
    const kwargs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(last)) if (key !== '__keywords') kwargs[key] = value;
    return { positional: args.slice(0, -1), kwargs };
  }
  return { positional: [...args], kwargs: {} };
}

/** The argument at `index`, or the keyword `name`, or `fallback`: Python's parameter binding. */
export function argument(positional: readonly unknown[], kwargs: Readonly<Record<string, unknown>>, index: number, name: string, fallback?: unknown): unknown {
  if (index < positional.length) return positional[index];
  if (Object.prototype.hasOwnProperty.call(kwargs, name)) return kwargs[name];
  return fallback;
}
