/** A CSV fixture: header names and rows of fields; an empty unquoted field is null. */
export interface ParsedCsv {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}

export class CsvError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF, double quotes around
 * fields that hold commas, quotes or newlines, `""` for a quote inside. Unquoted fields are
 * trimmed (fixtures in yml are usually indented); an empty unquoted field is null, `""` is ''.
 * Blank lines are skipped.
 */
export function parseCsv(text: string): ParsedCsv {
  const records: { fields: (string | null)[]; line: number }[] = [];
  let fields: (string | null)[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;

  const endField = (): void => {
    fields.push(quoted ? field : field.trim() === '' ? null : field.trim());
    field = '';
    quoted = false;
  };
  const endRecord = (): void => {
    endField();
    const blank = fields.length === 1 && fields[0] === null;
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
  };

  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field.trim() !== '') throw new CsvError(`a quote inside an unquoted field on line ${line}; quote the whole field and double the quote ("")`, line);
      field = '';
      quoted = true;
      inQuotes = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      line++;
      recordLine = line;
    } else {
      if (quoted) {
        if (!/\s/.test(c)) throw new CsvError(`unexpected '${c}' after a closing quote on line ${line}`, line);
      } else {
        field += c;
      }
      i++;
    }
  }
  if (inQuotes) throw new CsvError(`unterminated quoted field starting before line ${line}`, line);
  endRecord();

  if (records.length === 0) return { header: [], rows: [] };
  const header = records[0].fields.map((f) => f ?? '');
  const rows = records.slice(1).map((r) => {
    if (r.fields.length !== header.length) {
      throw new CsvError(`line ${r.line} has ${r.fields.length} fields but the header has ${header.length}`, r.line);
    }
    return r.fields;
  });
  return { header, rows };
}
