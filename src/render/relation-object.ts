import { quoteIdent, type Relation } from '../manifest/types.js';
import { JINJA_MAPPING } from './jinja/runtime/python-str.js';

/** What dbt's Relation answers as a mapping: packages check `obj.get('metadata').get('type')`. */
const METADATA = { type: 'DuckDBRelation' };

/**
 * What ref(), source() and `this` return to templates: prints as the quoted relation name and
 * exposes dbt's Relation attributes (database, schema, identifier, name) and include().
 */
export class RelationObject {
  readonly [JINJA_MAPPING] = true;
  readonly metadata = METADATA;
  readonly is_cte = false;
  readonly database: string;
  readonly schema: string;
  readonly identifier: string;
  readonly name: string;
  readonly table: string;
  private readonly parts: { database: boolean; schema: boolean; identifier: boolean };
  /** dbt's relation.limit: 0 under --empty, so the relation prints as a subquery that reads no rows. */
  readonly limit: number | null;

  constructor(relation: Relation, parts = { database: true, schema: true, identifier: true }, limit: number | null = null) {
    this.limit = limit;
    this.database = relation.database;
    this.schema = relation.schema;
    this.identifier = relation.identifier;
    this.name = relation.identifier;
    this.table = relation.identifier;
    this.parts = parts;
  }

  include(...args: unknown[]): RelationObject {
    const kw = (args.at(-1) ?? {}) as Record<string, unknown>;
    const pick = (key: 'database' | 'schema' | 'identifier'): boolean => (kw[key] === undefined ? this.parts[key] : Boolean(kw[key]));
    return new RelationObject(this, { database: pick('database'), schema: pick('schema'), identifier: pick('identifier') }, this.limit);
  }

  render(): string {
    return this.toString();
  }

  get(key: unknown, fallback: unknown = null): unknown {
    const k = String(key);
    if (k === 'metadata') return METADATA;
    if (k === 'database' || k === 'schema' || k === 'identifier' || k === 'name') return this[k];
    return fallback;
  }

  toString(): string {
    const out: string[] = [];
    if (this.parts.database) out.push(quoteIdent(this.database));
    if (this.parts.schema) out.push(quoteIdent(this.schema));
    if (this.parts.identifier) out.push(quoteIdent(this.identifier));
    const name = out.join('.');
    if (this.limit === null) return name;
    // dbt's render_limited(): the same subquery and alias.
    const alias = /^\w+$/.test(this.identifier) ? `_dbt_limit_subq_${this.identifier}` : quoteIdent(`_dbt_limit_subq_${this.identifier}`);
    return this.limit === 0 ? `(select * from ${name} where false limit 0) ${alias}` : `(select * from ${name} limit ${this.limit}) ${alias}`;
  }
}

/** A bare identifier that prints unquoted-safe (CTE names of ephemeral models, unit-test fixtures). */
export class NamedRelation {
  readonly [JINJA_MAPPING] = true;
  readonly metadata = METADATA;
  /** An ephemeral model's CTE (or a unit-test fixture): not a relation in the database. */
  readonly is_cte = true;
  constructor(readonly identifier: string) {}
  get(key: unknown, fallback: unknown = null): unknown {
    if (String(key) === 'metadata') return METADATA;
    return String(key) === 'identifier' || String(key) === 'name' ? this.identifier : fallback;
  }
  get name(): string {
    return this.identifier;
  }
  toString(): string {
    return this.identifier;
  }
}

/** SQL literal for a value coming from a template (prior() filters, test arguments). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `'${String(value).replaceAll("'", "''")}'`;
}
