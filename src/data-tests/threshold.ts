import { ConfigError } from '../errors/plan-error.js';

export type ThresholdOperator = '>' | '>=' | '<' | '<=' | '=' | '!=';

/** A parsed `warn_if` / `error_if` value such as `'>10'` or `'!=0'`. */
export interface Threshold {
  readonly operator: ThresholdOperator;
  readonly value: number;
  /** SQL text to put after the failure count: `!= 0`. */
  readonly sql: string;
  readonly test: (failures: number) => boolean;
}

const OPERATORS: Readonly<Record<string, ThresholdOperator>> = {
  '>': '>', '>=': '>=', '<': '<', '<=': '<=', '=': '=', '==': '=', '!=': '!=', '<>': '!=',
};

/**
 * Parses a test threshold as dbt accepts it (`'>10'`, `'!=0'`, `'>=5'`, `'<3'`, `'=0'`).
 * Throws ConfigError naming the key and the accepted shapes. `where` names the test for the message.
 */
export function parseThreshold(text: string, key: 'warn_if' | 'error_if' = 'error_if', where?: { readonly file?: string; readonly line?: number; readonly node?: string }): Threshold {
  const match = /^\s*(>=|<=|<>|!=|==|>|<|=)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(String(text));
  const operator = match ? OPERATORS[match[1]] : undefined;
  if (!match || !operator) {
    throw new ConfigError('config.bad_threshold', `Invalid ${key} '${text}': expected a comparison with a number, like '!=0', '>10', '>=5', '<3' or '=0'`, {
      ...where,
      hint: `write e.g. \`${key}: ">10"\` (quoted, so YAML keeps it a string)`,
    });
  }
  const value = Number(match[2]);
  const test = (n: number): boolean => {
    switch (operator) {
      case '>': return n > value;
      case '>=': return n >= value;
      case '<': return n < value;
      case '<=': return n <= value;
      case '=': return n === value;
      case '!=': return n !== value;
    }
  };
  return { operator, value, sql: `${operator} ${match[2]}`, test };
}
