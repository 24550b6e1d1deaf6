import { SelectionError } from '../errors/plan-error.js';
import type { Manifest } from '../manifest/types.js';
import type { LoadedProject } from '../project/types.js';
import { newIntrospection } from '../render/introspection.js';
import { DEFAULT_SELECT, parseSelectors, type SelectionSpec } from '../select/index.js';
import { isDbtResourceType, RESOURCE_TYPES } from '../select/methods/attribute-methods.js';
import { parseYamlSelectors, type NamedSelector, type YamlSelectors } from '../select/yaml-selectors.js';
import type { PreparedProject } from './prepare.js';

/** What a command was told to select: --select / --exclude values, or --selector with a selectors.yml name. */
export interface SelectionFlags {
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly selector?: string;
  /** --resource-type / --exclude-resource-type (dbt 1.8): keep, or drop, nodes of these types. */
  readonly resourceTypes?: readonly string[];
  readonly excludeResourceTypes?: readonly string[];
}

/** The selected ids whose node type --resource-type keeps and --exclude-resource-type does not drop. Throws SelectionError on an unknown type. */
export function filterByResourceType(ids: ReadonlySet<string>, manifest: Manifest, flags: SelectionFlags): Set<string> {
  const keep = flags.resourceTypes ?? [];
  const drop = flags.excludeResourceTypes ?? [];
  const unknown = [...keep, ...drop].filter((t) => !isDbtResourceType(t));
  if (unknown.length > 0) {
    throw new SelectionError('select.resource_type', `unknown resource type '${unknown.join("', '")}'`, { hint: `use one of ${RESOURCE_TYPES.join(', ')}` });
  }
  if (keep.length === 0 && drop.length === 0) return new Set(ids);
  return new Set(
    [...ids].filter((id) => {
      const type = manifest.nodes.get(id)?.resourceType;
      if (type === undefined) return false;
      return (keep.length === 0 || keep.includes(type)) && !drop.includes(type);
    }),
  );
}

/** What selection reads of a prepared project: selectors.yml, and the compiler for a Jinja `default:`. */
type SelectingProject = Pick<PreparedProject, 'project' | 'rendered'>;

const parsed = new WeakMap<LoadedProject, YamlSelectors>();

/** The project's selectors.yml, parsed once per loaded project; undefined without the file. Throws SelectionError. */
export function yamlSelectorsOf(project: LoadedProject): YamlSelectors | undefined {
  if (!project.selectorsFile) return undefined;
  let selectors = parsed.get(project);
  if (!selectors) parsed.set(project, (selectors = parseYamlSelectors(project.selectorsFile)));
  return selectors;
}

/**
 * dbt's order: --selector names a YAML selector; else --select / --exclude; else the selector
 * with `default: true`; else `fallback` (every model, seed, snapshot and test). `selector:<name>`
 * works inside --select and --exclude too. Throws SelectionError (exit 2).
 */
export function selectionSpecOf(prepared: SelectingProject, flags: SelectionFlags, fallback: readonly string[] = DEFAULT_SELECT): SelectionSpec {
  const selectors = yamlSelectorsOf(prepared.project);
  const named = selectors ? (name: string): SelectionSpec => namedSelector(selectors, name).spec : undefined;
  const given = (values: readonly string[] | undefined): boolean => (values ?? []).some((v) => v.trim() !== '');
  if (flags.selector !== undefined) {
    if (given(flags.select) || given(flags.exclude)) {
      throw new SelectionError('select.selector_with_select', '--selector cannot be combined with --select or --exclude', {
        hint: `write --select 'selector:${flags.selector} ...' to combine it with other criteria`,
      });
    }
    if (!selectors) throw new SelectionError('select.unknown_selector', `--selector ${flags.selector}: the project has no selectors.yml`, { hint: 'define YAML selectors in selectors.yml at the project root' });
    return namedSelector(selectors, flags.selector).spec;
  }
  if (!given(flags.select) && !given(flags.exclude) && selectors) {
    const fallbackSelector = defaultSelector(selectors, prepared);
    if (fallbackSelector) return fallbackSelector.spec;
  }
  return parseSelectors(given(flags.select) ? flags.select : fallback, flags.exclude, named);
}

function namedSelector(selectors: YamlSelectors, name: string): NamedSelector {
  const found = selectors.byName.get(name);
  if (found) return found;
  throw new SelectionError('select.unknown_selector', `No selector named '${name}'`, {
    file: selectors.file,
    hint: `defined selectors: ${[...selectors.byName.keys()].join(', ') || 'none'}`,
  });
}

/** The one selector whose `default` is true (a Jinja string is rendered first: it may read target.name). */
function defaultSelector(selectors: YamlSelectors, prepared: SelectingProject): NamedSelector | undefined {
  const defaults = [...selectors.byName.values()].filter((s) => isDefault(s, selectors.file, prepared));
  if (defaults.length > 1) {
    throw new SelectionError('selectors.two_defaults', `more than one selector has default: true (${defaults.map((s) => s.name).join(', ')})`, {
      file: selectors.file,
      line: defaults[1].line,
      hint: 'keep default: true on one selector (a Jinja condition on target.name can pick one per target)',
    });
  }
  return defaults[0];
}

function isDefault(selector: NamedSelector, file: string, prepared: SelectingProject): boolean {
  const value = selector.default;
  if (value === undefined || typeof value === 'boolean') return value === true;
  const text = typeof value === 'string' && value.includes('{') ? prepared.rendered.compiler.compileText(value, file, 'selectors', newIntrospection([])) : String(value);
  const normalized = text.trim().toLowerCase();
  if (normalized === 'true') return true;
  if (normalized === 'false' || normalized === '') return false;
  throw new SelectionError('selectors.invalid', `selector '${selector.name}', default: expected true or false, found '${text.trim()}'`, {
    file,
    line: selector.line,
    hint: "write true, false, or a Jinja expression that renders to one of them, e.g. \"{{ target.name == 'dev' }}\"",
  });
}
