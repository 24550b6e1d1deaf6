import { compareKeys, type Dag } from '../graph/dag.js';
import type { Manifest } from '../manifest/types.js';
import { expandSelection, incorporateIndirect, type SelectionBundle } from './indirect-selection.js';
import { exposureAncestors } from './methods/exposure-method.js';
import { lookupMethod } from './methods/registry.js';
import type { MethodContext } from './methods/selector-method.js';
import type { PreviousState } from './state-manifest.js';
import type { IndirectSelection, SelectionCriterion, SelectionSpec } from './selection-spec.js';

export interface SelectOptions {
  /** How tests touching the selection are added; dbt's default is eager. --exclude is always eager. */
  readonly indirectSelection?: IndirectSelection;
  /** An earlier run's manifest nodes (`--state`), for `state:` selectors. */
  readonly previous?: PreviousState;
}

/**
 * The unique_ids a spec selects, sorted. Follows dbt: methods, then graph operators, then set
 * operations, with tests added by indirect selection at each criterion. May include sources
 * (e.g. `+model`); callers keep the resource types their command runs. An empty result is not
 * an error.
 */
export function selectNodes(manifest: Manifest, dag: Dag, spec: SelectionSpec, options: SelectOptions = {}): Set<string> {
  const mode = options.indirectSelection ?? 'eager';
  const context: MethodContext = { projectName: manifest.projectName, ...(options.previous ? { previous: options.previous } : {}) };
  const { direct, indirect } = evaluate(spec, mode, { manifest, dag, context });
  const selected = incorporateIndirect(manifest, dag, direct, indirect, mode);
  return new Set([...selected].sort(compareKeys));
}

interface Inputs {
  readonly manifest: Manifest;
  readonly dag: Dag;
  readonly context: MethodContext;
}

function evaluate(spec: SelectionSpec, mode: IndirectSelection, inputs: Inputs): SelectionBundle {
  const { manifest, dag } = inputs;
  switch (spec.kind) {
    case 'criterion':
      return expandSelection(manifest, dag, new Set([...withGraphOperators(spec, collect(spec, inputs), dag), ...exposureAncestors(spec, manifest, dag)]), spec.indirectSelection ?? mode);
    case 'union':
    case 'intersection': {
      const bundles = spec.components.map((c) => evaluate(c, mode, inputs));
      const combine = spec.kind === 'union' ? union : intersection;
      const direct = combine(bundles.map((b) => b.direct));
      const indirect = combine(bundles.map((b) => new Set([...b.direct, ...b.indirect])));
      return { direct: incorporateIndirect(manifest, dag, direct, indirect, mode), indirect };
    }
    case 'difference': {
      const include = evaluate(spec.include, mode, inputs);
      const exclude = evaluate(spec.exclude, 'eager', inputs);
      const excluded = new Set([...exclude.direct, ...exclude.indirect]);
      return {
        direct: difference(include.direct, exclude.direct),
        indirect: difference(new Set([...include.direct, ...include.indirect]), excluded),
      };
    }
  }
}

function collect(spec: SelectionCriterion, { manifest, dag, context }: Inputs): Set<string> {
  const method = lookupMethod(spec.method, spec.raw);
  const found = new Set<string>();
  for (const [id, node] of manifest.nodes) {
    if (dag.has(id) && method.matches(node, spec.value, spec.methodArgs, context)) found.add(id);
  }
  return found;
}

function withGraphOperators(spec: SelectionCriterion, collected: Set<string>, dag: Dag): Set<string> {
  const out = new Set(collected);
  if (spec.parents) for (const id of dag.upstreamOfAll(collected, spec.parentsDepth)) out.add(id);
  if (spec.children) for (const id of dag.downstreamOfAll(collected, spec.childrenDepth)) out.add(id);
  if (spec.childrensParents) {
    const descendants = new Set([...collected, ...dag.downstreamOfAll(collected)]);
    for (const id of descendants) out.add(id);
    for (const id of dag.upstreamOfAll(descendants)) out.add(id);
  }
  return out;
}

function union(sets: readonly ReadonlySet<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const id of s) out.add(id);
  return out;
}

function intersection(sets: readonly ReadonlySet<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  const [first, ...rest] = sets;
  return new Set([...first].filter((id) => rest.every((s) => s.has(id))));
}

function difference(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((id) => !b.has(id)));
}
