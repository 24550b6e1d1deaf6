import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { targetDirOf } from '../../artifacts/artifact-paths.js';
import { catalogJson, type CatalogColumn } from '../../artifacts/catalog-json.js';
import { writeJsonArtifact } from '../../artifacts/write-artifacts.js';
import { openEngine } from '../../engine/index.js';
import { engineOptionsOf } from '../../pipeline/engine-options.js';
import { PLAN_VERSION } from '../../pipeline/version.js';
import { compileCommand, type CompileOptions } from './compile-command.js';
import { writeLine, type CliIO } from '../io.js';
import { prepareForCommand } from '../prepare-for-command.js';

/**
 * plan docs generate: what `dbt docs generate` writes for docs sites and tools: the compiled SQL
 * and manifest.json (as plan compile), and catalog.json with the columns and types of every
 * relation that exists in the database (read-only).
 */
export async function docsGenerateCommand(options: CompileOptions, io: CliIO): Promise<number> {
  const code = await compileCommand({ ...options, quiet: true }, io);
  if (code !== 0) return code;
  const invocationId = randomUUID();
  const prepared = prepareForCommand(options, io, 'docs generate', { invocationId, printWarnings: false });
  const columns: CatalogColumn[] = [];
  if (prepared.target.path === ':memory:' || existsSync(prepared.target.path)) {
    const engine = await openEngine({ ...engineOptionsOf(prepared.target, 1, prepared.project.root), readOnly: true });
    try {
      const { rows } = await engine.withConnection((conn) =>
        conn.query(
          `SELECT c.table_catalog AS database, c.table_schema AS schema, c.table_name AS "table", t.table_type AS table_type, c.column_name AS "column", c.data_type AS type, c.ordinal_position AS idx ` +
            `FROM information_schema.columns c JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)`,
        ),
      );
      for (const r of rows) {
        columns.push({ database: String(r.database), schema: String(r.schema), table: String(r.table), tableType: String(r.table_type), column: String(r.column), type: String(r.type), index: Number(r.idx) });
      }
    } finally {
      await engine.close();
    }
  } else {
    writeLine(io.stderr, `warning: ${prepared.target.path} does not exist yet: catalog.json lists no relations (build the project first)`);
  }
  const targetDir = targetDirOf(prepared.project);
  const catalog = catalogJson(prepared.rendered.manifest, columns, { invocationId, generatedAt: new Date(), planVersion: PLAN_VERSION });
  writeJsonArtifact(targetDir, 'catalog.json', catalog);
  const count = Object.keys(catalog.nodes as object).length + Object.keys(catalog.sources as object).length;
  writeLine(io.stdout, `Catalog written to ${targetDir}/catalog.json (${count} relation${count === 1 ? '' : 's'})`);
  return 0;
}
