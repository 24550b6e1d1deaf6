/**
 * Canonical DuckDB type names, so that a contract saying `int` matches a column DuckDB reports
 * as `INTEGER`. The output is what DuckDB's `typeof()` prints for the same type (checked in
 * tests/integration/contracts against a real DuckDB).
 */

const ALIASES: Readonly<Record<string, string>> = {
  int: 'INTEGER', integer: 'INTEGER', int4: 'INTEGER', signed: 'INTEGER', int32: 'INTEGER',
  bigint: 'BIGINT', int8: 'BIGINT', long: 'BIGINT', int64: 'BIGINT',
  smallint: 'SMALLINT', int2: 'SMALLINT', short: 'SMALLINT', int16: 'SMALLINT',
  tinyint: 'TINYINT', int1: 'TINYINT',
  hugeint: 'HUGEINT', int128: 'HUGEINT',
  ubigint: 'UBIGINT', uint64: 'UBIGINT',
  uinteger: 'UINTEGER', uint32: 'UINTEGER',
  usmallint: 'USMALLINT', uint16: 'USMALLINT',
  utinyint: 'UTINYINT', uint8: 'UTINYINT',
  uhugeint: 'UHUGEINT', uint128: 'UHUGEINT',
  varchar: 'VARCHAR', text: 'VARCHAR', string: 'VARCHAR', char: 'VARCHAR', bpchar: 'VARCHAR',
  nvarchar: 'VARCHAR', character: 'VARCHAR', 'character varying': 'VARCHAR',
  double: 'DOUBLE', float8: 'DOUBLE', 'double precision': 'DOUBLE',
  real: 'FLOAT', float4: 'FLOAT', float: 'FLOAT',
  bool: 'BOOLEAN', boolean: 'BOOLEAN', logical: 'BOOLEAN',
  timestamptz: 'TIMESTAMP WITH TIME ZONE', 'timestamp with time zone': 'TIMESTAMP WITH TIME ZONE',
  timestamp: 'TIMESTAMP', datetime: 'TIMESTAMP', timestamp_us: 'TIMESTAMP',
  'timestamp without time zone': 'TIMESTAMP',
  timestamp_s: 'TIMESTAMP_S', timestamp_ms: 'TIMESTAMP_MS', timestamp_ns: 'TIMESTAMP_NS',
  date: 'DATE', time: 'TIME', time_ns: 'TIME_NS',
  timetz: 'TIME WITH TIME ZONE', 'time with time zone': 'TIME WITH TIME ZONE',
  'time without time zone': 'TIME',
  interval: 'INTERVAL', uuid: 'UUID', json: 'JSON',
  blob: 'BLOB', bytea: 'BLOB', binary: 'BLOB', varbinary: 'BLOB',
  bit: 'BIT', bitstring: 'BIT', varint: 'BIGNUM', bignum: 'BIGNUM',
};

/** Multi-word type names, longest first so `timestamp with time zone` wins over `timestamp`. */
const MULTI_WORD = Object.keys(ALIASES)
  .filter((k) => k.includes(' '))
  .sort((a, b) => b.length - a.length);

type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'quoted'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'punct'; readonly text: string };

export class TypeSyntaxError extends Error {}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= input.length) throw new TypeSyntaxError(`unterminated ${c} in type '${input}'`);
        if (input[j] === c) {
          if (input[j + 1] === c) { text += c; j += 2; continue; }
          break;
        }
        text += input[j++];
      }
      tokens.push({ kind: c === '"' ? 'quoted' : 'string', text });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(input.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(input.slice(i))!;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
      continue;
    }
    if ('()[],'.includes(c)) { tokens.push({ kind: 'punct', text: c }); i++; continue; }
    throw new TypeSyntaxError(`unexpected '${c}' in type '${input}'`);
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[], private readonly input: string) {}

  parseAll(): string {
    const t = this.parseType();
    if (this.pos < this.tokens.length) this.fail(`unexpected '${this.tokens[this.pos].text}'`);
    return t;
  }

  private fail(message: string): never {
    throw new TypeSyntaxError(`${message} in type '${this.input}'`);
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private isPunct(text: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'punct' && t.text === text;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail(`expected '${text}'`);
    this.pos++;
  }

  private parseType(): string {
    let base = this.parseBase();
    for (;;) {
      if (this.isPunct('[')) {
        this.pos++;
        let size = '';
        if (this.peek()?.kind === 'number') size = this.tokens[this.pos++].text;
        this.expectPunct(']');
        base += `[${size}]`;
      } else if (this.peek()?.kind === 'word' && this.peek()!.text.toLowerCase() === 'array') {
        // `INTEGER ARRAY` and `INTEGER ARRAY[3]` are SQL-standard spellings of lists/arrays.
        this.pos++;
        if (this.isPunct('[')) continue;
        base += '[]';
      } else {
        return base;
      }
    }
  }

  private parseBase(): string {
    const first = this.peek();
    if (!first || first.kind !== 'word') this.fail('expected a type name');
    const lower = first.text.toLowerCase();
    if (lower === 'struct' || lower === 'row' || lower === 'union') {
      this.pos++;
      const fields = this.parseFields();
      return `${lower === 'union' ? 'UNION' : 'STRUCT'}(${fields.join(', ')})`;
    }
    if (lower === 'map') {
      this.pos++;
      this.expectPunct('(');
      const key = this.parseType();
      this.expectPunct(',');
      const value = this.parseType();
      this.expectPunct(')');
      return `MAP(${key}, ${value})`;
    }
    if (lower === 'enum') {
      this.pos++;
      this.expectPunct('(');
      const values: string[] = [];
      while (!this.isPunct(')')) {
        const t = this.peek();
        if (!t || t.kind !== 'string') this.fail('expected a quoted enum value');
        values.push(`'${t.text.replaceAll("'", "''")}'`);
        this.pos++;
        if (this.isPunct(',')) this.pos++;
      }
      this.pos++;
      return `ENUM(${values.join(', ')})`;
    }
    if (lower === 'decimal' || lower === 'numeric' || lower === 'dec') {
      this.pos++;
      const args = this.parseNumberArgs();
      const precision = args[0] ?? 18;
      const scale = args[0] === undefined ? 3 : (args[1] ?? 0);
      return `DECIMAL(${precision},${scale})`;
    }
    if (lower === 'float') {
      this.pos++;
      const args = this.parseNumberArgs();
      // Postgres/DuckDB: float(p) is a 4-byte float up to 24 bits of precision, else a double.
      return args[0] !== undefined && args[0] > 24 ? 'DOUBLE' : 'FLOAT';
    }
    const name = this.readWords();
    const canonical = ALIASES[name] ?? name.toUpperCase();
    // Length and precision arguments of other types (varchar(10), char(3)) do not change DuckDB's type.
    this.parseNumberArgs();
    return canonical;
  }

  /** Reads the longest multi-word type name at the cursor, e.g. `timestamp with time zone`. */
  private readWords(): string {
    for (const candidate of MULTI_WORD) {
      const parts = candidate.split(' ');
      const matches = parts.every((p, k) => {
        const t = this.peek(k);
        return t !== undefined && t.kind === 'word' && t.text.toLowerCase() === p;
      });
      if (matches) {
        this.pos += parts.length;
        return candidate;
      }
    }
    return this.tokens[this.pos++].text.toLowerCase();
  }

  private parseNumberArgs(): number[] {
    if (!this.isPunct('(')) return [];
    this.pos++;
    const args: number[] = [];
    while (!this.isPunct(')')) {
      const t = this.peek();
      if (!t || t.kind !== 'number') this.fail('expected a number');
      args.push(Number(t.text));
      this.pos++;
      if (this.isPunct(',')) this.pos++;
    }
    this.pos++;
    return args;
  }

  private parseFields(): string[] {
    this.expectPunct('(');
    const fields: string[] = [];
    while (!this.isPunct(')')) {
      const t = this.peek();
      if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) this.fail('expected a field name');
      this.pos++;
      fields.push(`${formatFieldName(t.text)} ${this.parseType()}`);
      if (this.isPunct(',')) this.pos++;
      else if (!this.isPunct(')')) this.fail("expected ',' or ')'");
    }
    this.pos++;
    return fields;
  }
}

function formatFieldName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * The canonical DuckDB spelling of a type: `int` -> `INTEGER`, `numeric` -> `DECIMAL(18,3)`,
 * `text[]` -> `VARCHAR[]`, `struct(a int)` -> `STRUCT(a INTEGER)`. Throws TypeSyntaxError on
 * text that is not a type.
 */
export function normalizeType(type: string): string {
  return new Parser(tokenize(type), type).parseAll();
}

/** Like normalizeType, but returns the trimmed input unchanged instead of throwing. */
export function tryNormalizeType(type: string): string {
  try {
    return normalizeType(type);
  } catch {
    return type.trim();
  }
}

/**
 * True when two type spellings mean the same DuckDB type. Struct field names compare
 * case-insensitively, as DuckDB resolves them.
 */
export function typesEqual(a: string, b: string): boolean {
  return tryNormalizeType(a).toLowerCase() === tryNormalizeType(b).toLowerCase();
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(.*\))?|BIGNUM)$/i;
const DATETIME = /^(TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS)$/i;

/**
 * A contract's type check as dbt-duckdb does it: it sees DuckDB's Python cursor types, in which
 * every number is NUMBER and every timestamp DATETIME; other types compare exactly. The table is
 * still created with the declared types, and filling it casts.
 */
export function dbtDuckdbTypesMatch(declared: string, produced: string): boolean {
  const a = tryNormalizeType(declared);
  const b = tryNormalizeType(produced);
  if (NUMERIC.test(a) && NUMERIC.test(b)) return true;
  if (DATETIME.test(a) && DATETIME.test(b)) return true;
  return typesEqual(a, b);
}
