import { DuckDBTypeId, JsonDuckDBValueConverter } from './duckdb-module.js';
import type { DuckDBResultReader, DuckDBValueConverter, Json } from '@duckdb/node-api';
import type { ColumnSchema, Row } from './types.js';

/**
 * The library's JSON converter, except that integers become numbers when they are safe,
 * decimals become numbers and timestamps ISO strings (what users and artifacts expect).
 */
const rowConverter: DuckDBValueConverter<Json> = (value, type) => {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return integerToJson(value as bigint);
    case DuckDBTypeId.DECIMAL:
      return Number(String(value));
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return timestampToIso(String(value));
    default:
      // Nested values (lists, structs) recurse through rowConverter.
      return JsonDuckDBValueConverter(value, type, rowConverter);
  }
};

function integerToJson(value: bigint): number | string {
  if (typeof value !== 'bigint') return Number(value);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** '2024-01-02 03:04:05.123' -> '2024-01-02T03:04:05.123'; '...05+00' -> '...05+00:00'. */
function timestampToIso(text: string): string {
  const iso = text.replace(' ', 'T');
  return /[+-]\d\d$/.test(iso) ? `${iso}:00` : iso;
}

export function readRows(reader: DuckDBResultReader): Row[] {
  return reader.convertRowObjects(rowConverter) as Row[];
}

export function readColumns(reader: DuckDBResultReader): ColumnSchema[] {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  return names.map((name, i) => ({ name, type: types[i].toString() }));
}
