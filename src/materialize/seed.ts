import fs from 'node:fs';
import { EngineError } from '../engine/engine-error.js';
import { quoteLiteral } from '../engine/sql-text.js';
import type { ColumnSchema, EngineConnection } from '../engine/types.js';
import { ExecutionError } from '../errors/plan-error.js';
import { quoteIdent } from '../manifest/types.js';
import type { SeedNode } from '../manifest/types.js';
import { buildTable } from './build-table.js';
import { countOf } from './model-sql.js';
import { scanCsv } from './csv-check.js';
import type { CsvShape } from './csv-check.js';
import type { MaterializeResult, SeedRequest } from './types.js';

function seedError(node: SeedNode, code: string, message: string, line?: number, hint?: string): ExecutionError {
  return new ExecutionError(code, message, { file: node.originalFilePath, line, node: node.uniqueId, hint });
}

function delimiterOf(node: SeedNode): string {
  const d = node.config.delimiter;
  return typeof d === 'string' && d.length > 0 ? d : ',';
}

/** Read and check the CSV: not empty, every record has the header's field count, column_types name real columns. */
function readSeedShape(node: SeedNode): CsvShape {
  const file = node.originalFilePath;
  let text: string;
  try {
    text = fs.readFileSync(node.absPath, 'utf8');
  } catch (error) {
    throw seedError(node, 'seed.unreadable', `seed ${file} could not be read: ${(error as Error).message}`);
  }
  if (text.trim() === '') throw seedError(node, 'seed.empty', `seed ${file} is empty: add a header row`, undefined, 'the first line of a seed names its columns, e.g. id,name');
  const shape = scanCsv(text, delimiterOf(node));
  if (shape.problem) {
    throw seedError(node, 'seed.malformed', `seed ${file} line ${shape.problem.line}: ${shape.problem.message}`, shape.problem.line, 'fix the row, or quote fields that contain the delimiter, quotes or line breaks');
  }
  const columnTypes = node.config.column_types ?? {};
  const known = new Set(shape.header.map((h) => h.toLowerCase()));
  const unknown = Object.keys(columnTypes).filter((c) => !known.has(c.toLowerCase()));
  if (unknown.length) {
    throw seedError(
      node,
      'seed.column_types',
      `seed ${file}: column_types names ${unknown.map((c) => `'${c}'`).join(', ')}, which ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of the CSV (columns: ${shape.header.join(', ')})`,
    );
  }
  return shape;
}

function typeFor(node: SeedNode, column: string): string | undefined {
  const entry = Object.entries(node.config.column_types ?? {}).find(([name]) => name.toLowerCase() === column.toLowerCase());
  return entry?.[1];
}

/** `read_csv(...)` for the seed: strict, explicit dialect, column_types applied, all rows sampled for types (INTEGER when whole numbers fit). */
function readCsvSql(node: SeedNode): string {
  const types = Object.entries(node.config.column_types ?? {});
  const options = [
    quoteLiteral(node.absPath),
    'header = true',
    `delim = ${quoteLiteral(delimiterOf(node))}`,
    `quote = '"'`,
    `escape = '"'`,
    'strict_mode = true',
    'sample_size = -1',
    // dbt (agate) types whole numbers as integer; INTEGER is a candidate here, so a column of
    // whole numbers is INTEGER when every value fits in 32 bits and BIGINT otherwise (where dbt's
    // load would fail). The rest as DuckDB's default candidates.
    `auto_type_candidates = ['BOOLEAN', 'INTEGER', 'BIGINT', 'DOUBLE', 'TIME', 'DATE', 'TIMESTAMP', 'VARCHAR']`,
  ];
  if (types.length) options.push(`types = {${types.map(([name, type]) => `${quoteLiteral(name)}: ${quoteLiteral(type)}`).join(', ')}}`);
  return `read_csv(${options.join(', ')})`;
}

function headerOnlyColumns(node: SeedNode, header: readonly string[]): ColumnSchema[] {
  return header.map((name) => ({ name, type: typeFor(node, name) ?? 'VARCHAR' }));
}

function duckdbSeedError(node: SeedNode, error: unknown): unknown {
  if (!(error instanceof EngineError)) return error;
  const csvLine = /CSV Error on Line: (\d+)/i.exec(error.dbMessage)?.[1];
  const lines = error.dbMessage.split('\n').map((l) => l.trim());
  // DuckDB's CSV errors are long: keep the one line that says what is wrong.
  const reason = lines.find((l) => l !== '' && !/^(CSV Error on Line|Original Line)/i.test(l)) ?? lines[0];
  const where = csvLine ? ` line ${csvLine}` : '';
  return new EngineError(error.details(), `seed ${node.originalFilePath}${where}: ${reason}`, {
    file: node.originalFilePath,
    node: node.uniqueId,
    line: csvLine ? Number(csvLine) : undefined,
    hint: 'check column_types against the values in the CSV',
  });
}

/** Load a CSV seed into `node.relation`, replacing the old table atomically. */
export async function loadSeed(req: SeedRequest): Promise<MaterializeResult> {
  const { node } = req;
  const shape = readSeedShape(node);
  const fill = async (conn: EngineConnection, tmpSql: string): Promise<number | undefined> => {
    if (shape.dataRecords === 0) {
      const columns = headerOnlyColumns(node, shape.header).map((c) => `${quoteIdent(c.name)} ${c.type}`);
      await conn.run(`CREATE TABLE ${tmpSql} (${columns.join(', ')})`);
      return 0;
    }
    return countOf(await conn.query(`CREATE TABLE ${tmpSql} AS SELECT * FROM ${readCsvSql(node)}`));
  };
  try {
    const { rows } = await buildTable(req.conn, { relation: node.relation, fill, preHooks: [], postHooks: [] });
    return { rowsAffected: rows, message: `INSERT ${rows} row${rows === 1 ? '' : 's'}` };
  } catch (error) {
    throw duckdbSeedError(node, error);
  }
}

/** The columns a seed's table will have (types inferred as read_csv would), without loading it. */
export async function seedColumnTypes(conn: EngineConnection, node: SeedNode): Promise<readonly ColumnSchema[]> {
  const shape = readSeedShape(node);
  if (shape.dataRecords === 0) return headerOnlyColumns(node, shape.header);
  try {
    return await conn.describeQuery(`SELECT * FROM ${readCsvSql(node)}`);
  } catch (error) {
    throw duckdbSeedError(node, error);
  }
}
