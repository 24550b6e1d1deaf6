import { SelectionError } from '../errors/plan-error.js';
import { parseCriterion } from './parse-criterion.js';
import type { SelectionSpec } from './selection-spec.js';

/** What no --select means: every model, seed, test and unit test (dbt's `fqn:*`). */
export const DEFAULT_SELECT: readonly string[] = ['fqn:*'];
/** What `ls` lists without --select: the default plus sources. */
export const DEFAULT_LIST_SELECT: readonly string[] = ['fqn:*', 'source:*'];

/**
 * --select and --exclude values to a spec. Each value, and each whitespace-separated word in a
 * value, is a union member; commas inside a word intersect. Exclusion is applied last.
 * Throws SelectionError on bad syntax, unknown methods or invalid values.
 */
export function parseSelectors(select: readonly string[] | undefined, exclude: readonly string[] | undefined): SelectionSpec {
  const include = parseUnion(select === undefined || words(select).length === 0 ? DEFAULT_SELECT : select);
  if (exclude === undefined || words(exclude).length === 0) return include;
  return { kind: 'difference', raw: `${include.raw} --exclude ${words(exclude).join(' ')}`, include, exclude: parseUnion(exclude) };
}

function parseUnion(values: readonly string[]): SelectionSpec {
  const members = words(values).map(parseIntersection);
  const raw = words(values).join(' ');
  return members.length === 1 ? members[0] : { kind: 'union', raw, components: members };
}

function parseIntersection(word: string): SelectionSpec {
  const parts = word.split(',');
  if (parts.some((p) => p === '')) {
    throw new SelectionError('select.syntax', `Selector '${word}' has an empty part around a comma`, {
      hint: "commas intersect selectors and take no spaces: 'tag:nightly,config.materialized:table'",
    });
  }
  const criteria = parts.map(parseCriterion);
  return criteria.length === 1 ? criteria[0] : { kind: 'intersection', raw: word, components: criteria };
}

function words(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(/\s+/)).filter((w) => w !== '');
}
