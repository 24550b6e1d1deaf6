import { describe, expect, it } from 'vitest';
import { renderEnvVars, renderEnvVarValue } from '../../../src/config/env-var.js';
import { ConfigError } from '../../../src/errors/plan-error.js';

const env = { DB: 'prod', N: '8' };

describe('renderEnvVars', () => {
  it('replaces env_var with the variable or the default', () => {
    expect(renderEnvVars("{{ env_var('DB') }}.duckdb", { env })).toBe('prod.duckdb');
    expect(renderEnvVars(`{{ env_var("MISSING", "dev") }}`, { env })).toBe('dev');
    expect(renderEnvVars("a {{- env_var('DB', 'x') -}} b", { env })).toBe('aprodb');
  });
  it('leaves other Jinja alone', () => {
    expect(renderEnvVars("{{ var('x') }} {{ this }}", { env })).toBe("{{ var('x') }} {{ this }}");
  });
  it('throws a ConfigError naming the variable and the file when unset without default', () => {
    const call = () => renderEnvVars("{{ env_var('NOPE') }}", { env, file: 'profiles.yml' });
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(/NOPE.*profiles\.yml/);
  });
  it('types a whole-value expression piped to int/as_bool', () => {
    expect(renderEnvVarValue("{{ env_var('N') | int }}", { env })).toBe(8);
    expect(renderEnvVarValue("{{ env_var('X', 'true') | as_bool }}", { env })).toBe(true);
    expect(renderEnvVarValue("{{ env_var('N') }}", { env })).toBe('8');
  });
});
