import { quoteIdent, type Relation } from '../manifest/types.js';

/**
 * What ref(), source() and `this` return to templates: prints as the quoted relation name and
 * exposes dbt's Relation attributes (database, schema, identifier, name) and include().
 */
export class RelationObject {
  readonly database: string;
  readonly schema: string;
  readonly identifier: string;
  readonly name: string;
  readonly table: string;
  private readonly parts: { database: boolean; schema: boolean; identifier: boolean };

  constructor(relation: Relation, parts = { database: true, schema: true, identifier: true }) {
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
    return new RelationObject(this, { database: pick('database'), schema: pick('schema'), identifier: pick('identifier') });
  }

  render(): string {
    return this.toString();
  }

  toString(): string {
    const out: string[] = [];
    if (this.parts.database) out.push(quoteIdent(this.database));
    if (this.parts.schema) out.push(quoteIdent(this.schema));
    if (this.parts.identifier) out.push(quoteIdent(this.identifier));
    return out.join('.');
  }
}

/** A bare identifier that prints unquoted-safe (CTE names of ephemeral models, unit-test fixtures). */
export class NamedRelation {
  constructor(readonly identifier: string) {}
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
