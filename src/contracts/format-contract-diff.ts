import { ContractError } from '../errors/plan-error.js';
import type { PropertyLines } from '../manifest/types.js';
import type { ContractDiff, ContractProblem } from './compare-contract.js';

const PROBLEM_TEXT: Readonly<Record<ContractProblem, string>> = {
  missing: 'declared in the contract, not produced by the SQL',
  extra: 'produced by the SQL, not declared in the contract',
  type_mismatch: 'data type mismatch',
  no_data_type: 'no data_type declared',
};

function hintFor(diffs: readonly ContractDiff[], file: string, lines: PropertyLines | undefined): string {
  const hints: string[] = [];
  const kinds = new Set(diffs.map((d) => d.problem));
  const at = (column: string | undefined): string => {
    const line = column === undefined ? lines?.entry : (lines?.columns[column.toLowerCase()] ?? lines?.entry);
    return line === undefined ? file : `${file}:${line}`;
  };
  if (kinds.has('missing') || kinds.has('extra')) {
    const first = diffs.find((d) => d.problem === 'missing');
    hints.push(`select exactly the declared columns in the model SQL, or add/remove them under \`columns:\` in ${at(first?.column)}`);
  }
  if (kinds.has('type_mismatch')) {
    const first = diffs.find((d) => d.problem === 'type_mismatch');
    hints.push(`cast the column in the SQL (e.g. \`cast(x as integer) as x\`) or change its \`data_type\`${lines ? ` (${at(first?.column)})` : ''}`);
  }
  if (kinds.has('no_data_type')) {
    hints.push('an enforced contract needs a `data_type` on every column');
  }
  return hints.join('; ');
}

/**
 * A text table of the differences, like dbt's contract error. `file` is the model's SQL file;
 * the hint points at `propertiesFile` (where `columns:` are declared) when given.
 *
 *   | column | declared | actual  | problem            |
 *   | id     | INTEGER  | VARCHAR | data type mismatch |
 */
export function formatContractDiff(modelName: string, file: string, diffs: readonly ContractDiff[], propertiesFile?: string, lines?: PropertyLines): string {
  const header = ['column', 'declared', 'actual', 'problem'];
  const rows = diffs.map((d) => [d.column, d.declared ?? '-', d.actual ?? '-', PROBLEM_TEXT[d.problem]]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [
    `Model '${modelName}' (${file}) has an enforced contract that its SQL does not match:`,
    '',
    line(header),
    rule,
    ...rows.map(line),
    '',
    `hint: ${hintFor(diffs, propertiesFile ?? file, propertiesFile ? lines : undefined)}`,
  ].join('\n');
}

/** The ContractError the runner reports (as a failed node) when a contract does not hold. */
export function contractError(modelName: string, file: string, diffs: readonly ContractDiff[], node?: string, propertiesFile?: string, lines?: PropertyLines): ContractError {
  // The hint is already the table's last line; repeating it in `hint` would print it twice.
  return new ContractError('contract.mismatch', formatContractDiff(modelName, file, diffs, propertiesFile, lines), { file, node });
}
