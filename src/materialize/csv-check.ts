/**
 * A small RFC 4180 reader (quote '"', escaped by doubling) used to read a seed's header and to
 * find the line of a malformed row, which DuckDB's CSV sniffer does not report.
 */

export interface CsvProblem {
  /** 1-based line of the CSV where the bad record starts. */
  readonly line: number;
  readonly message: string;
}

export interface CsvShape {
  readonly header: readonly string[];
  /** Records after the header (blank lines are not records). */
  readonly dataRecords: number;
  readonly problem?: CsvProblem;
}

/** Scan the whole text; stops at the first problem. */
export function scanCsv(text: string, delimiter = ','): CsvShape {
  let header: string[] | undefined;
  let dataRecords = 0;
  let line = 1;
  let i = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < body.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    let empty = true;
    while (!endOfRecord) {
      if (body[i] === '"') {
        empty = false;
        const openLine = line;
        i++;
        for (;;) {
          if (i >= body.length) {
            return { header: header ?? [], dataRecords, problem: { line: openLine, message: 'a quoted field starting on this line is never closed (missing ")' } };
          }
          const ch = body[i];
          if (ch === '"') {
            if (body[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        if (i < body.length && body[i] !== delimiter && body[i] !== '\n' && body[i] !== '\r') {
          return { header: header ?? [], dataRecords, problem: { line, message: `unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")` } };
        }
      }
      while (i < body.length && body[i] !== delimiter && body[i] !== '\n' && body[i] !== '\r') {
        empty = false;
        field += body[i];
        i++;
      }
      fields.push(field);
      field = '';
      if (i >= body.length) endOfRecord = true;
      else if (body[i] === delimiter) i++;
      else {
        if (body[i] === '\r' && body[i + 1] === '\n') i++;
        i++;
        line++;
        endOfRecord = true;
      }
    }
    const blank = fields.length === 1 && empty;
    if (blank) continue;
    if (!header) {
      header = fields;
      continue;
    }
    dataRecords++;
    if (fields.length !== header.length) {
      return {
        header,
        dataRecords,
        problem: { line: startLine, message: `expected ${header.length} fields (the header has ${header.length} columns), found ${fields.length}` },
      };
    }
  }
  return { header: header ?? [], dataRecords };
}
