import { parse } from 'yaml';
import { ConfigError } from '../errors/plan-error.js';
import { isPlainObject } from './key-path.js';

const ACCEPTED = "accepted forms: --vars 'year=2025', --vars 'year=2025,scenario=x', --vars '{year: 2025}', --vars '{\"year\": 2025}'";
const PAIR_START = /^\s*[A-Za-z_][\w.-]*\s*=/;

function yamlValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return parse(trimmed) ?? null;
  } catch {
    return trimmed;
  }
}

/**
 * Parses --vars: `key=value` pairs separated by commas (a comma only splits before the next
 * `name=`, so `ids=[1,2]` works), or a YAML/JSON mapping. Values are YAML-typed: 2025 is a
 * number, true a boolean. Throws ConfigError naming the accepted forms.
 */
export function parseVarsArg(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  if (PAIR_START.test(text)) {
    const out: Record<string, unknown> = {};
    for (const pair of text.split(/,(?=\s*[A-Za-z_][\w.-]*\s*=)/)) {
      const eq = pair.indexOf('=');
      out[pair.slice(0, eq).trim()] = yamlValue(pair.slice(eq + 1));
    }
    return out;
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    throw new ConfigError('config.invalid_vars', `--vars: cannot read ${JSON.stringify(text)}: ${(e as Error).message.split('\n')[0]}`, { hint: ACCEPTED });
  }
  if (!isPlainObject(value)) {
    throw new ConfigError('config.invalid_vars', `--vars: expected name=value pairs or a mapping, found ${JSON.stringify(text)}`, { hint: ACCEPTED });
  }
  return value;
}
