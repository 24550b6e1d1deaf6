import type { Diagnostic } from '../errors/diagnostic.js';
import { isJinjaText } from '../config/config-values.js';
import { toDiagnostic } from './parse-nodes.js';
import type { RenderSession } from './render-session.js';
import { newFrame, type RenderFrame } from './render-state.js';

const HOOKS = new Set(['pre_hook', 'post_hook', 'pre-hook', 'post-hook', '+pre_hook', '+post_hook', '+pre-hook', '+post-hook']);

/**
 * Config values written as Jinja, in project.yml's trees or a property file's `config:`
 * (`+enabled: "{{ var('use_x', true) }}"`, `+materialized: "{{ 'table' if target.name == 'prod'
 * else 'view' }}"`), rendered with var, env_var and target and then read the way dbt's native
 * rendering reads them: True / False / None and numbers become values. Hooks stay text: they
 * render when they run. Layers without Jinja are returned as they are.
 */
export function renderConfigLayers(session: RenderSession, layers: readonly Readonly<Record<string, unknown>>[], file: string, nodeName: string, diagnostics: Diagnostic[]): Readonly<Record<string, unknown>>[] {
  return layers.map((layer) => (Object.values(layer).some(hasJinja) ? renderLayer(session, layer, file, nodeName, diagnostics) : layer));
}

function hasJinja(value: unknown): boolean {
  if (typeof value === 'string') return isJinjaText(value);
  if (Array.isArray(value)) return value.some(hasJinja);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasJinja);
  return false;
}

function renderLayer(session: RenderSession, layer: Readonly<Record<string, unknown>>, file: string, nodeName: string, diagnostics: Diagnostic[]): Readonly<Record<string, unknown>> {
  const frame = newFrame({ mode: 'compile', file, nodeName, resourceType: 'yml', rawCode: '', isIncremental: false });
  try {
    return renderJinjaConfig(session, layer, frame);
  } catch (error) {
    diagnostics.push(toDiagnostic(error, file));
    return layer;
  }
}

/** Every Jinja string of `layer` (hooks excepted) rendered in `frame` and read as a native value; throws a render error. */
export function renderJinjaConfig(session: RenderSession, layer: Readonly<Record<string, unknown>>, frame: RenderFrame): Record<string, unknown> {
  const render = (value: unknown): unknown => {
    if (typeof value === 'string') return isJinjaText(value) ? nativeValue(session.renderString(value, frame)) : value;
    if (Array.isArray(value)) return value.map(render);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v)]));
    return value;
  };
  return Object.fromEntries(Object.entries(layer).map(([key, value]) => [key, HOOKS.has(key) ? value : render(value)]));
}

/** A rendered string read as a Python literal where it is one ('False' -> false, '3' -> 3), else the text. */
function nativeValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === 'True' || trimmed === 'true') return true;
  if (trimmed === 'False' || trimmed === 'false') return false;
  if (trimmed === 'None' || trimmed === 'none') return null;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}
