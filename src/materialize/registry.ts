import { EngineError } from '../engine/engine-error.js';
import { ExecutionError } from '../errors/plan-error.js';
import { materializeIncremental } from './incremental.js';
import { materializeTable } from './table.js';
import type { Materialization, MaterializeRequest, MaterializeResult } from './types.js';
import { materializeView } from './view.js';
import { materializeExternal } from './external.js';

/** The one place a model's `materialized` config picks its strategy. */
const MATERIALIZATIONS: Readonly<Record<string, Materialization>> = {
  view: materializeView,
  table: materializeTable,
  incremental: materializeIncremental,
  external: materializeExternal,
  // Inlined as a CTE by the render stage: nothing is created in the database.
  ephemeral: async () => ({ rowsAffected: null, message: 'EPHEMERAL' }),
};

export const MATERIALIZATION_NAMES: readonly string[] = Object.keys(MATERIALIZATIONS);

export async function materialize(req: MaterializeRequest): Promise<MaterializeResult> {
  const { node } = req;
  const where = { file: node.originalFilePath, node: node.uniqueId };
  const kind = node.config.materialized;
  const build = MATERIALIZATIONS[kind];
  if (!build) {
    throw new ExecutionError(
      'materialize.unknown',
      `model '${node.name}' (${node.originalFilePath}): unknown materialized '${kind}'; expected one of ${MATERIALIZATION_NAMES.join(', ')}`,
      { ...where, hint: 'custom materializations ({% materialization %} blocks, which plan parses but does not run) are not supported' },
    );
  }
  try {
    return await build(req);
  } catch (error) {
    if (error instanceof EngineError && !error.node) throw error.with({ location: where });
    throw error;
  }
}
