import type { ColumnSchema } from '../engine/types.js';
import { dbtDuckdbTypesMatch, tryNormalizeType, typesEqual } from './normalize-type.js';
import type { ContractTypeMatching } from '../manifest/types.js';

export type ContractProblem = 'missing' | 'extra' | 'type_mismatch' | 'no_data_type';

/** One difference between a model's declared columns and the columns its SQL produces. */
export interface ContractDiff {
  readonly column: string;
  /** Declared type, normalized; undefined for extra columns and columns declared without a type. */
  readonly declared?: string;
  /** Type the SQL produces; undefined for missing columns. */
  readonly actual?: string;
  readonly problem: ContractProblem;
}

export interface DeclaredColumn {
  readonly name: string;
  readonly data_type?: string;
}

/**
 * Differences between a contract and a query's output columns. Names compare
 * case-insensitively, as DuckDB resolves identifiers; column order does not matter (the
 * table is filled by name). An empty result means the contract holds.
 */
export function compareContract(declared: readonly DeclaredColumn[], actual: readonly ColumnSchema[], matching: ContractTypeMatching = 'exact'): ContractDiff[] {
  const diffs: ContractDiff[] = [];
  const actualByName = new Map(actual.map((c) => [c.name.toLowerCase(), c]));
  const declaredNames = new Set(declared.map((c) => c.name.toLowerCase()));

  for (const column of declared) {
    const produced = actualByName.get(column.name.toLowerCase());
    const declaredType = column.data_type?.trim() ? tryNormalizeType(column.data_type) : undefined;
    if (!produced) {
      diffs.push({ column: column.name, declared: declaredType, problem: 'missing' });
    } else if (declaredType === undefined) {
      diffs.push({ column: column.name, actual: tryNormalizeType(produced.type), problem: 'no_data_type' });
    } else if (matching === 'exact' ? !typesEqual(declaredType, produced.type) : !dbtDuckdbTypesMatch(declaredType, produced.type)) {
      diffs.push({ column: column.name, declared: declaredType, actual: tryNormalizeType(produced.type), problem: 'type_mismatch' });
    }
  }
  for (const column of actual) {
    if (!declaredNames.has(column.name.toLowerCase())) {
      diffs.push({ column: column.name, actual: tryNormalizeType(column.type), problem: 'extra' });
    }
  }
  return diffs;
}
