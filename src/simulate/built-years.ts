import type { EngineConnection } from '../engine/types.js';
import { listPartitions } from '../materialize/index.js';
import type { PreparedProject } from '../pipeline/prepare.js';

/**
 * Years that `plan build --vars year=N` built for a scenario (simulate records its own years in
 * plan_simulation_years): every model the project reads with prior() (the state one year hands
 * to the next) holds a partition recorded in plan_partitions with vars year=N and this scenario.
 * simulate accepts such a year as the one before the first it runs, so a simulation can continue
 * years built by hand. Ascending; empty when the project reads nothing with prior().
 */
export async function yearsBuiltByBuilds(conn: EngineConnection, schema: string, scenarioId: string, prepared: PreparedProject): Promise<number[]> {
  const nodes = [...prepared.rendered.manifest.nodes.values()];
  const priorNames = new Set(nodes.flatMap((n) => (n.resourceType === 'model' ? n.priorReads.map((r) => r.name) : [])));
  const carried = nodes.filter((n) => n.resourceType === 'model' && priorNames.has(n.name));
  if (carried.length === 0) return [];
  let years: Set<number> | undefined;
  for (const model of carried) {
    const built = new Set<number>();
    for (const p of await listPartitions(conn, schema, model.uniqueId)) {
      const year = Number(p.vars.year);
      if (Number.isInteger(year) && String(p.vars.scenario_id ?? 'default') === scenarioId) built.add(year);
    }
    years = years ? new Set([...years].filter((y) => built.has(y))) : built;
  }
  return [...(years ?? [])].sort((a, b) => a - b);
}
