/** What a unit test's `given: - input:` names. */
export type GivenInput =
  | { readonly kind: 'ref'; readonly name: string; readonly package?: string; readonly version?: string }
  | { readonly kind: 'source'; readonly source: string; readonly table: string }
  | { readonly kind: 'this' };

const STRING = String.raw`\s*(?:'([^']*)'|"([^"]*)")\s*`;
const REF = new RegExp(String.raw`^\s*ref\(${STRING}(?:,${STRING})?(?:,\s*v(?:ersion)?\s*=\s*['"]?([^'")\s]+)['"]?\s*)?\)\s*$`);
const SOURCE = new RegExp(String.raw`^\s*source\(${STRING},${STRING}\)\s*$`);

/**
 * Parses `ref('x')`, `ref('pkg', 'x')`, `ref('x', v=2)`, `source('s', 't')` or `this`.
 * Returns undefined for anything else (the caller reports it with the yml location).
 */
export function parseGivenInput(input: string): GivenInput | undefined {
  if (/^\s*this\s*$/.test(input)) return { kind: 'this' };
  const ref = REF.exec(input);
  if (ref) {
    const first = ref[1] ?? ref[2];
    const second = ref[3] ?? ref[4];
    const version = ref[5];
    const base = second === undefined ? { kind: 'ref' as const, name: first } : { kind: 'ref' as const, name: second, package: first };
    return version === undefined ? base : { ...base, version };
  }
  const source = SOURCE.exec(input);
  if (source) return { kind: 'source', source: source[1] ?? source[2], table: source[3] ?? source[4] };
  return undefined;
}

/**
 * Name of the temp table holding a fixture: unique per test and input so tests sharing a
 * connection cannot see each other's fixtures.
 */
export function fixtureRelationName(testName: string, input: GivenInput): string {
  const what = input.kind === 'this' ? 'this' : input.kind === 'ref' ? input.name : `${input.source}__${input.table}`;
  return `__plan_ut__${testName}__${what}`.replace(/[^0-9A-Za-z_]+/g, '_');
}
