import type { Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic, warningDiagnostic } from '../errors/diagnostic.js';
import type { ModelNode } from '../manifest/types.js';
import { normalizeType } from './normalize-type.js';

/** The property file and line of the model's entry, or of one of its columns (the model's SQL file when it has no entry). */
function whereOf(node: ModelNode, column?: string): { file: string; line?: number; node: string } {
  if (!node.patchPath) return { file: node.originalFilePath, node: node.uniqueId };
  const line = (column === undefined ? undefined : node.propertyLines?.columns[column.toLowerCase()]) ?? node.propertyLines?.entry;
  return { file: node.patchPath, ...(line !== undefined ? { line } : {}), node: node.uniqueId };
}

/**
 * Problems with a model's contract that are visible without a database: an enforced contract
 * on an ephemeral model, no declared columns, a column without a (valid) data_type.
 */
export function checkContractableNode(node: ModelNode): Diagnostic[] {
  if (!node.config.contract?.enforced) return [];
  const where = whereOf(node);
  if (node.config.materialized === 'ephemeral') {
    return [
      errorDiagnostic(
        'contract.ephemeral',
        `Model '${node.name}' (${node.originalFilePath}) is ephemeral and has an enforced contract. Contracts are not supported for ephemeral models: ` +
          'an ephemeral model is inlined as a CTE into the models that use it, so no relation of its own is ever created whose columns could be checked.',
        { ...where, hint: "materialize it as a view or table (`materialized: view`), or set `contract: {enforced: false}`" },
      ),
    ];
  }
  const columns = Object.values(node.columns);
  if (columns.length === 0) {
    return [
      errorDiagnostic('contract.no_columns', `Model '${node.name}' has an enforced contract but declares no columns`, {
        ...where,
        hint: 'list every column the model produces under `columns:` with its `data_type`',
      }),
    ];
  }
  const diagnostics: Diagnostic[] = [];
  for (const column of columns) {
    if (!column.data_type?.trim()) {
      diagnostics.push(
        errorDiagnostic('contract.no_data_type', `Model '${node.name}': column '${column.name}' has no data_type, which an enforced contract requires`, {
          ...whereOf(node, column.name),
          hint: `add \`data_type:\` (e.g. \`data_type: integer\`) to column '${column.name}'`,
        }),
      );
      continue;
    }
    try {
      normalizeType(column.data_type);
    } catch (e) {
      diagnostics.push(
        errorDiagnostic('contract.bad_data_type', `Model '${node.name}': column '${column.name}' has data_type '${column.data_type}' which is not a type: ${(e as Error).message}`, {
          ...whereOf(node, column.name),
          hint: 'use a DuckDB type name such as integer, bigint, varchar, double, decimal(10,2), date, timestamp',
        }),
      );
    }
  }
  return diagnostics;
}

/** Views cannot carry constraints: one warning per declared constraint (unless `warn_unsupported: false`). */
export function viewConstraintWarnings(node: ModelNode): Diagnostic[] {
  const where = whereOf(node);
  const hint = 'materialize the model as a table or incremental to enforce it, or remove the constraint';
  const warnings: Diagnostic[] = [];
  for (const column of Object.values(node.columns)) {
    for (const c of column.constraints) {
      if (c.warn_unsupported === false) continue;
      warnings.push(
        warningDiagnostic('contract.constraint_on_view', `Model '${node.name}' is a view: the ${c.type} constraint on column '${column.name}' cannot be enforced`, {
          ...where,
          hint,
        }),
      );
    }
  }
  for (const c of node.constraints) {
    if (c.warn_unsupported === false) continue;
    const cols = c.columns?.length ? ` on (${c.columns.join(', ')})` : '';
    warnings.push(
      warningDiagnostic('contract.constraint_on_view', `Model '${node.name}' is a view: the model-level ${c.type} constraint${cols} cannot be enforced`, { ...where, hint }),
    );
  }
  return warnings;
}
