import type { KeyPath, YamlDocument } from '../config/yaml-document.js';
import { formatKeyPath, isPlainObject } from '../config/key-path.js';
import { SelectionError } from '../errors/plan-error.js';
import { resolveMethod } from './parse-criterion.js';
import { parseSelectorWords } from './parse-selectors.js';
import type { IndirectSelection, SelectionCriterion, SelectionSpec } from './selection-spec.js';

/** One entry of selectors.yml, its definition parsed. */
export interface NamedSelector {
  readonly name: string;
  readonly description?: string;
  /** `default:` as written: a boolean, or a Jinja string rendered later (it may read `target`). */
  readonly default?: unknown;
  readonly spec: SelectionSpec;
  readonly line?: number;
}

/** The project's selectors.yml (dbt's YAML selectors), by name, in file order. */
export interface YamlSelectors {
  readonly file: string;
  readonly byName: ReadonlyMap<string, NamedSelector>;
  /** The entries as written, for manifest.json's `selectors`. */
  readonly raw: Readonly<Record<string, unknown>>;
}

const INDIRECT_MODES: readonly IndirectSelection[] = ['eager', 'cautious', 'buildable', 'empty'];
const FULL_KEYS = new Set(['method', 'value', 'parents', 'children', 'parents_depth', 'children_depth', 'childrens_parents', 'indirect_selection', 'exclude', 'description']);

/**
 * Parses selectors.yml: `selectors:` is a list of {name, definition, description?, default?}.
 * A definition is a CLI-style string, a `method: value` pair, a full dictionary (method, value,
 * parents, children, *_depth, childrens_parents, indirect_selection, exclude), or a `union` /
 * `intersection` list whose `exclude:` item is subtracted last. `method: selector` reuses another
 * entry. Throws SelectionError naming the file, line and key.
 */
export function parseYamlSelectors(doc: YamlDocument): YamlSelectors {
  const fail = (path: KeyPath, message: string, hint?: string): never => {
    throw new SelectionError('selectors.invalid', `${path.length > 0 ? `${formatKeyPath(path, doc.value)}: ` : ''}${message}`, { file: doc.file, line: doc.lineOf(path), hint });
  };
  const root = doc.value;
  if (!isPlainObject(root) || !Array.isArray(root.selectors)) {
    fail([], "expected a mapping with a 'selectors:' list", "write 'selectors:' followed by '- name: ...' entries with a 'definition:'");
  }
  const entries = (root as { selectors: unknown[] }).selectors;
  const rawByName = new Map<string, { entry: Record<string, unknown>; index: number }>();
  entries.forEach((entry, index) => {
    const path = ['selectors', index];
    if (!isPlainObject(entry)) return fail(path, 'expected a mapping with name and definition');
    if (typeof entry.name !== 'string' || entry.name === '') return fail([...path, 'name'], 'expected the selector\'s name (a string)');
    if (!('definition' in entry)) return fail([...path, 'definition'], `selector '${entry.name}' has no definition`);
    for (const key of Object.keys(entry)) {
      if (!['name', 'definition', 'description', 'default'].includes(key)) fail([...path, key], `unknown key '${key}'`, 'a selector takes name, definition, description and default');
    }
    const first = rawByName.get(entry.name);
    if (first) fail([...path, 'name'], `selector '${entry.name}' is defined twice (first at line ${doc.lineOf(['selectors', first.index]) ?? '?'})`);
    rawByName.set(entry.name, { entry, index });
  });

  const byName = new Map<string, NamedSelector>();
  const resolving: string[] = [];
  const resolve = (name: string, path: KeyPath): SelectionSpec => {
    const done = byName.get(name);
    if (done) return done.spec;
    const found = rawByName.get(name);
    if (!found) return fail(path, `no selector named '${name}'`, `defined selectors: ${[...rawByName.keys()].join(', ') || 'none'}`);
    if (resolving.includes(name)) return fail(path, `selectors refer to each other in a cycle: ${[...resolving.slice(resolving.indexOf(name)), name].join(' -> ')}`);
    resolving.push(name);
    const entryPath: KeyPath = ['selectors', found.index];
    const spec = definitionSpec(found.entry.definition, [...entryPath, 'definition'], { fail, resolve }, true);
    resolving.pop();
    const { description } = found.entry;
    byName.set(name, {
      name,
      spec,
      ...(typeof description === 'string' ? { description } : {}),
      ...(found.entry.default !== undefined ? { default: found.entry.default } : {}),
      line: doc.lineOf(entryPath),
    });
    return spec;
  };
  for (const name of rawByName.keys()) resolve(name, ['selectors']);
  const ordered = new Map([...rawByName.keys()].map((name) => [name, byName.get(name)!]));
  return { file: doc.file, byName: ordered, raw: Object.fromEntries([...rawByName].map(([name, { entry }]) => [name, entry])) };
}

interface Context {
  readonly fail: (path: KeyPath, message: string, hint?: string) => never;
  readonly resolve: (name: string, path: KeyPath) => SelectionSpec;
}

function definitionSpec(definition: unknown, path: KeyPath, ctx: Context, rootLevel = false): SelectionSpec {
  if (typeof definition === 'string') return cliStyle(definition, path, ctx);
  if (!isPlainObject(definition)) {
    return ctx.fail(path, `expected a selector string, a 'method: value' pair or a mapping${rootLevel ? '' : ' (in a union or intersection list)'}`);
  }
  if ('union' in definition || 'intersection' in definition) return setOperation(definition, path, ctx);
  const keys = Object.keys(definition);
  if (keys.length === 1 && !FULL_KEYS.has(keys[0])) return keyValue(keys[0], definition[keys[0]], path, ctx);
  return fullDefinition(definition, path, ctx);
}

/** 'tag:nightly', '+model', '@source:x': the CLI grammar (spaces unite, commas intersect). */
function cliStyle(text: string, path: KeyPath, ctx: Context): SelectionSpec {
  try {
    return parseSelectorWords([text], (name) => ctx.resolve(name, path));
  } catch (error) {
    if (error instanceof SelectionError && error.code !== 'selectors.invalid') return ctx.fail(path, error.message, error.hint);
    throw error;
  }
}

/** `tag: nightly`: one method and value, no graph operators. */
function keyValue(method: string, value: unknown, path: KeyPath, ctx: Context): SelectionSpec {
  return fullDefinition({ method, value }, [...path, method], ctx);
}

function fullDefinition(def: Record<string, unknown>, path: KeyPath, ctx: Context): SelectionSpec {
  for (const key of Object.keys(def)) {
    if (!FULL_KEYS.has(key)) ctx.fail([...path, key], `unknown key '${key}'`, `a selector mapping takes ${[...FULL_KEYS].join(', ')}`);
  }
  if (typeof def.method !== 'string' || def.method === '') return ctx.fail([...path, 'method'], 'expected a method name (tag, fqn, path, config.materialized, selector...)');
  if (def.value === undefined || def.value === null || typeof def.value === 'object') return ctx.fail([...path, 'value'], `expected the value to match with '${def.method}'`);
  const value = String(def.value);
  const raw = `${def.method}:${value}`;
  const flag = (key: string): boolean => {
    const v = def[key];
    if (v === undefined) return false;
    if (typeof v !== 'boolean') ctx.fail([...path, key], `expected true or false, found '${String(v)}'`);
    return v as boolean;
  };
  const depth = (key: string): number | undefined => {
    const v = def[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) ctx.fail([...path, key], `expected a whole number of generations, found '${String(v)}'`);
    return v as number;
  };
  const indirect = def.indirect_selection;
  if (indirect !== undefined && !INDIRECT_MODES.includes(indirect as IndirectSelection)) {
    ctx.fail([...path, 'indirect_selection'], `expected one of ${INDIRECT_MODES.join(', ')}, found '${String(indirect)}'`);
  }

  let include: SelectionSpec;
  if (def.method === 'selector') {
    // dbt: the other selector's nodes as they are; graph keywords do not apply to it.
    for (const key of ['parents', 'children', 'parents_depth', 'children_depth', 'childrens_parents', 'indirect_selection']) {
      if (def[key] !== undefined) ctx.fail([...path, key], `'${key}' does not apply to 'method: selector', which reuses the selector's nodes as they are`);
    }
    include = ctx.resolve(value, [...path, 'value']);
  } else {
    let resolved: ReturnType<typeof resolveMethod>;
    try {
      resolved = resolveMethod(def.method, value, raw);
    } catch (error) {
      if (error instanceof SelectionError) return ctx.fail([...path, 'method'], error.message, error.hint);
      throw error;
    }
    const parentsDepth = depth('parents_depth');
    const childrenDepth = depth('children_depth');
    const criterion: SelectionCriterion = {
      kind: 'criterion',
      raw,
      ...resolved,
      value,
      parents: flag('parents'),
      ...(parentsDepth !== undefined ? { parentsDepth } : {}),
      children: flag('children'),
      ...(childrenDepth !== undefined ? { childrenDepth } : {}),
      childrensParents: flag('childrens_parents'),
      ...(indirect !== undefined ? { indirectSelection: indirect as IndirectSelection } : {}),
    };
    include = criterion;
  }
  if (def.exclude === undefined) return include;
  return withExclusion(include, excludeList(def.exclude, [...path, 'exclude'], ctx), raw);
}

/** `union: [...]` / `intersection: [...]`: items combined, an `exclude:` item subtracted last. */
function setOperation(def: Record<string, unknown>, path: KeyPath, ctx: Context): SelectionSpec {
  const keys = Object.keys(def);
  if (keys.length !== 1) return ctx.fail(path, `'union' or 'intersection' stands alone in its mapping; found ${keys.join(', ')}`);
  const kind = keys[0] as 'union' | 'intersection';
  const items = def[kind];
  if (!Array.isArray(items) || items.length === 0) return ctx.fail([...path, kind], `expected a list of selector definitions under '${kind}'`);
  const include: SelectionSpec[] = [];
  let exclude: SelectionSpec | undefined;
  items.forEach((item, i) => {
    const itemPath = [...path, kind, i];
    if (isPlainObject(item) && Object.keys(item).length === 1 && 'exclude' in item) {
      if (exclude) ctx.fail(itemPath, `only one 'exclude' item is allowed in a ${kind}`);
      exclude = excludeList(item.exclude, [...itemPath, 'exclude'], ctx);
    } else {
      include.push(definitionSpec(item, itemPath, ctx));
    }
  });
  if (include.length === 0) return ctx.fail([...path, kind], `a ${kind} needs at least one item besides 'exclude'`);
  const raw = `${kind}(${include.map((s) => s.raw).join(kind === 'union' ? ' ' : ',')})`;
  const combined: SelectionSpec = include.length === 1 ? include[0] : { kind, raw, components: include };
  return exclude ? withExclusion(combined, exclude, raw) : combined;
}

/** dbt wants a list under `exclude`; a single definition is taken as a list of one. */
function excludeList(value: unknown, path: KeyPath, ctx: Context): SelectionSpec {
  if (!Array.isArray(value)) return definitionSpec(value, path, ctx);
  if (value.length === 0) return ctx.fail(path, "expected a list of selector definitions under 'exclude'");
  const specs = value.map((item, i) => definitionSpec(item, [...path, i], ctx));
  return specs.length === 1 ? specs[0] : { kind: 'union', raw: specs.map((s) => s.raw).join(' '), components: specs };
}

function withExclusion(include: SelectionSpec, exclude: SelectionSpec, raw: string): SelectionSpec {
  return { kind: 'difference', raw: `${raw} exclude ${exclude.raw}`, include, exclude };
}

