import { SelectionError } from '../errors/plan-error.js';
import { parseCriterion } from './parse-criterion.js';
import type { SelectionSpec } from './selection-spec.js';

/** What no --select means: every model, seed, test and unit test (dbt's `fqn:*`). */
export const DEFAULT_SELECT: readonly string[] = ['fqn:*'];
/** What `ls` lists without --select: the default plus sources. */
export const DEFAULT_LIST_SELECT: readonly string[] = ['fqn:*', 'source:*'];

/** The spec a YAML selector's name stands for (`selector:name`); throws SelectionError when there is none. */
export type NamedSelectorLookup = (name: string) => SelectionSpec;

/**
 * --select and --exclude values to a spec. Each value, and each whitespace-separated word in a
 * value, is a union member; commas inside a word intersect. Exclusion is applied last.
 * `selector:<name>` stands for a YAML selector (via `named`). Throws SelectionError on bad syntax,
 * unknown methods or invalid values.
 */
export function parseSelectors(select: readonly string[] | undefined, exclude: readonly string[] | undefined, named?: NamedSelectorLookup): SelectionSpec {
  const include = parseSelectorWords(select === undefined || words(select).length === 0 ? DEFAULT_SELECT : select, named);
  if (exclude === undefined || words(exclude).length === 0) return include;
  return { kind: 'difference', raw: `${include.raw} --exclude ${words(exclude).join(' ')}`, include, exclude: parseSelectorWords(exclude, named) };
}

/** Values in the CLI grammar: whitespace unites, commas intersect. */
export function parseSelectorWords(values: readonly string[], named?: NamedSelectorLookup): SelectionSpec {
  const members = words(values).map((word) => parseIntersection(word, named));
  const raw = words(values).join(' ');
  return members.length === 1 ? members[0] : { kind: 'union', raw, components: members };
}

function parseIntersection(word: string, named: NamedSelectorLookup | undefined): SelectionSpec {
  const parts = word.split(',');
  if (parts.some((p) => p === '')) {
    throw new SelectionError('select.syntax', `Selector '${word}' has an empty part around a comma`, {
      hint: "commas intersect selectors and take no spaces: 'tag:nightly,config.materialized:table'",
    });
  }
  const criteria = parts.map((part) => namedSelector(part, named) ?? parseCriterion(part));
  return criteria.length === 1 ? criteria[0] : { kind: 'intersection', raw: word, components: criteria };
}

/** `selector:<name>`: the YAML selector's nodes as they are (dbt applies no graph operators to it). */
function namedSelector(part: string, named: NamedSelectorLookup | undefined): SelectionSpec | undefined {
  const match = /^([@+\d]*)selector:(.*?)(\+\d*)?$/.exec(part);
  if (!match) return undefined;
  if (match[1] !== '' || match[3] !== undefined) {
    throw new SelectionError('select.syntax', `Selector '${part}' puts a graph operator on 'selector:'`, {
      hint: 'a YAML selector is used as it is; put the operators in its definition',
    });
  }
  if (!named) throw new SelectionError('select.unknown_selector', `Selector '${part}': the project has no selectors.yml`, { hint: 'define YAML selectors in selectors.yml at the project root' });
  return named(match[2]);
}

function words(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(/\s+/)).filter((w) => w !== '');
}
