/**
 * Shell-style wildcards as dbt uses them (Python's fnmatch): `*` any run of characters,
 * `?` one character, `[abc]` / `[!abc]` a character class. Case-sensitive.
 */
export function fnmatch(text: string, pattern: string): boolean {
  if (!hasWildcard(pattern)) return text === pattern;
  return compile(pattern, false).test(text);
}

/**
 * Path globbing as for `path:` (Python's Path.glob): like fnmatch, but `*` and `?` do not cross
 * `/`, and a `**` segment matches any number of folders.
 */
export function pathGlob(path: string, pattern: string): boolean {
  if (!hasWildcard(pattern)) return path === pattern;
  return compile(pattern, true).test(path);
}

export function hasWildcard(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

const cache = new Map<string, RegExp>();

function compile(pattern: string, pathAware: boolean): RegExp {
  const key = `${pathAware ? 'p' : 'f'}:${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^${translate(pattern, pathAware)}$`, 's');
    cache.set(key, re);
  }
  return re;
}

function translate(pattern: string, pathAware: boolean): string {
  const any = pathAware ? '[^/]*' : '.*';
  const one = pathAware ? '[^/]' : '.';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pathAware && pattern[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches everything below.
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += any;
      }
    } else if (c === '?') {
      out += one;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('!');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return out;
}
