import fs from 'node:fs';
import path from 'node:path';
import { parenthesize, quoteLiteral } from '../engine/sql-text.js';
import { quoteIdent, relationSql } from '../manifest/types.js';
import { runHooks } from './hooks.js';
import { runModelStatement } from './model-sql.js';
import { ensureSchema } from './relation-ops.js';
import type { MaterializeRequest, MaterializeResult } from './types.js';

/**
 * dbt-duckdb's `materialized='external'`: the model's rows are written to a file with COPY
 * (`location`, default `<external_root>/<alias>.<format>`; `format` parquet, csv or json, else
 * taken from the location's extension; `delimiter`, `partition_by` and `options` as COPY options),
 * and the model's relation becomes a view that reads that file (or, partitioned, its folder), so
 * ref() works as for any model. Relative paths resolve against the project folder.
 */
export async function materializeExternal(req: MaterializeRequest): Promise<MaterializeResult> {
  const { node } = req;
  const config = node.config as Record<string, unknown>;
  const projectDir = req.external?.projectDir ?? process.cwd();
  const configured = typeof config.location === 'string' && config.location !== '' ? config.location : undefined;
  const extension = configured ? path.extname(configured).slice(1).toLowerCase() : '';
  const format = String(config.format ?? (config.options as Record<string, unknown> | undefined)?.format ?? (extension || 'parquet')).toLowerCase();
  const location = path.resolve(projectDir, configured ?? path.join(req.external?.root ?? '.', `${node.relation.identifier}.${format}`));
  const extra = (config.options && typeof config.options === 'object' ? config.options : {}) as Record<string, unknown>;
  // dbt-duckdb takes partition_by among the options; the model's own partition_by works too.
  const partitionBy = partitionColumns(extra.partition_by ?? config.partition_by);

  const options: string[] = [`FORMAT ${format}`];
  if (format === 'csv') options.push('HEADER true');
  if (typeof config.delimiter === 'string') options.push(`DELIMITER ${quoteLiteral(config.delimiter)}`);
  if (partitionBy.length > 0) options.push(`PARTITION_BY (${partitionBy.map(quoteIdent).join(', ')})`, 'OVERWRITE_OR_IGNORE true');
  for (const [key, value] of Object.entries(extra)) {
    if (key === 'partition_by' || key === 'format') continue;
    options.push(`${key} ${typeof value === 'string' ? quoteLiteral(value) : String(value)}`);
  }

  const read = partitionBy.length > 0 ? path.join(location, ...partitionBy.map(() => '*'), `*.${format}`) : location;
  const reader = format === 'csv' ? 'read_csv_auto' : format === 'json' ? 'read_json_auto' : 'read_parquet';
  const readArgs = partitionBy.length > 0 ? `${quoteLiteral(read)}, hive_partitioning = true` : quoteLiteral(read);
  fs.mkdirSync(partitionBy.length > 0 ? location : path.dirname(location), { recursive: true });
  await ensureSchema(req.conn, node.relation);
  let rows: number | null = null;
  await req.conn.transaction(async (tx) => {
    await runHooks(tx, req.preHooks, 'pre-hook');
    const written = await runModelStatement(tx, `COPY ${parenthesize(req.compiledSql)} TO ${quoteLiteral(location)} (${options.join(', ')})`, req.compiledSql);
    rows = written.rowsChanged;
    const oldKind = await tx.relationKind(node.relation.database, node.relation.schema, node.relation.identifier);
    if (oldKind === 'table') await tx.run(`DROP TABLE ${relationSql(node.relation)}`);
    await tx.run(`CREATE OR REPLACE VIEW ${relationSql(node.relation)} AS SELECT * FROM ${reader}(${readArgs})`);
    await runHooks(tx, req.postHooks, 'post-hook');
  });
  return { rowsAffected: rows, message: `COPY ${rows ?? 0} row${rows === 1 ? '' : 's'} TO ${path.relative(projectDir, location) || location}` };
}

function partitionColumns(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value).replace(/^\(|\)$/g, '').split(',').map((c) => c.trim()).filter(Boolean);
}
