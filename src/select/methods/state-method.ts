import { SelectionError } from '../../errors/plan-error.js';
import { nodeJson } from '../../manifest/node-json.js';
import type { ManifestNode } from '../../manifest/types.js';
import type { MethodContext, SelectorMethod } from './selector-method.js';

const STATES = ['new', 'old', 'modified', 'unmodified', 'modified.body', 'modified.configs', 'modified.relation', 'modified.contract'] as const;

type Json = Record<string, unknown>;

/**
 * dbt's `state:` against the manifest.json of an earlier run (`--state <dir>`): `new` (not in it),
 * `modified` (new, or its SQL / config / relation / contract changed), the `modified.<part>`
 * subselectors, `old` and `unmodified`. Macro changes are not detected (manifest.json keeps no
 * macro text), which dbt's `modified.macros` would add.
 */
export const stateMethod: SelectorMethod = {
  name: 'state',
  validate(value, _args, raw) {
    if (!(STATES as readonly string[]).includes(value)) {
      throw new SelectionError('select.invalid_value', `Invalid state '${value}' in '${raw}'`, { hint: `use one of ${STATES.join(', ')}` });
    }
  },
  matches(node: ManifestNode, value: string, _args: readonly string[], context: MethodContext): boolean {
    if (!context.previous) {
      throw new SelectionError('select.state_missing', `'state:${value}' compares with an earlier run, but no --state was given`, {
        hint: 'pass --state <folder holding the manifest.json of the run to compare with> (for example a copy of target/ from production)',
      });
    }
    if (!context.previous.nodes) {
      throw new SelectionError('select.state_missing', `'state:${value}' compares with an earlier run's manifest.json, but --state ${context.previous.dir} has none`, {
        hint: 'point --state at a target/ folder (or a copy) that holds manifest.json',
      });
    }
    const before = context.previous.nodes.get(node.uniqueId);
    if (value === 'new') return before === undefined;
    if (value === 'old') return before !== undefined;
    if (before === undefined) return value === 'modified';
    const now = nodeJson(node);
    const changed = {
      'modified.body': () => bodyOf(now) !== bodyOf(before),
      'modified.configs': () => stable(now.config) !== stable(before.config),
      'modified.relation': () => ['database', 'schema', 'alias', 'identifier'].some((k) => String(now[k] ?? '').toLowerCase() !== String(before[k] ?? '').toLowerCase()),
      'modified.contract': () => stable(now.contract) !== stable(before.contract) || (isEnforced(now) && stable(now.columns) !== stable(before.columns)),
    };
    if (value in changed) return changed[value as keyof typeof changed]();
    const modified = Object.values(changed).some((check) => check());
    return value === 'modified' ? modified : !modified;
  },
};

function bodyOf(node: Json): string {
  const checksum = node.checksum as Json | undefined;
  return String(checksum?.checksum ?? node.raw_code ?? stable(node.columns));
}

function isEnforced(node: Json): boolean {
  return (node.contract as Json | undefined)?.enforced === true;
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => (a < b ? -1 : 1))) : v)) ?? '';
}
