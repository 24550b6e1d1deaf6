import type { CatalogEffect, RelationKey } from './catalog-effect.js';
import type { RelationKind } from './types.js';

const schemaKey = (database: string, schema: string): string => `${database.toLowerCase()}\u0000${schema.toLowerCase()}`;

/**
 * dbt's adapter cache: the tables and views of each schema, read with one catalog query the first
 * time a schema is asked about, then kept current from the statements the connections send
 * (see catalogEffect). One per database instance, shared by every connection and engine on it;
 * changes made inside a transaction are applied when it commits (see PendingEffects).
 * The 'temp' catalog is per connection and is never cached.
 */
export class RelationCache {
  private readonly schemas = new Map<string, Map<string, RelationKind>>();
  /** Bumped by every change, so a catalog read that raced with a change is not stored. */
  private version = 0;

  get currentVersion(): number {
    return this.version;
  }

  static cacheable(database: string): boolean {
    return database.toLowerCase() !== 'temp';
  }

  /** 'table', 'view', null (known absent), or undefined when the schema has not been read. */
  lookup(database: string, schema: string, name: string): RelationKind | null | undefined {
    const entries = this.schemas.get(schemaKey(database, schema));
    if (!entries) return undefined;
    return entries.get(name.toLowerCase()) ?? null;
  }

  /** Store a schema read from the catalog, unless something changed since `readAtVersion`. */
  store(database: string, schema: string, relations: readonly { readonly name: string; readonly kind: RelationKind }[], readAtVersion: number): void {
    if (readAtVersion !== this.version || !RelationCache.cacheable(database)) return;
    this.schemas.set(schemaKey(database, schema), new Map(relations.map((r) => [r.name.toLowerCase(), r.kind])));
  }

  apply(effect: CatalogEffect): void {
    if (effect.type === 'none') return;
    this.version += 1;
    switch (effect.type) {
      case 'unknown':
        this.schemas.clear();
        return;
      case 'create': {
        const entries = this.entriesOf(effect.key);
        if (entries && !(effect.ifNotExists && entries.has(effect.key.name.toLowerCase()))) entries.set(effect.key.name.toLowerCase(), effect.kind);
        return;
      }
      case 'drop':
        this.entriesOf(effect.key)?.delete(effect.key.name.toLowerCase());
        return;
      case 'rename': {
        const from = this.entriesOf(effect.from);
        const kind = from?.get(effect.from.name.toLowerCase()) ?? effect.kind;
        from?.delete(effect.from.name.toLowerCase());
        this.entriesOf(effect.to)?.set(effect.to.name.toLowerCase(), kind);
        return;
      }
    }
  }

  invalidate(): void {
    this.apply({ type: 'unknown' });
  }

  private entriesOf(key: RelationKey): Map<string, RelationKind> | undefined {
    return this.schemas.get(schemaKey(key.database, key.schema));
  }
}

/**
 * The effects of an open transaction: visible to lookups on its own connection, applied to the
 * shared cache on COMMIT, dropped on ROLLBACK.
 */
export class PendingEffects {
  private readonly effects: CatalogEffect[] = [];
  private unknown = false;

  add(effect: CatalogEffect): void {
    if (effect.type === 'none') return;
    if (effect.type === 'unknown') this.unknown = true;
    this.effects.push(effect);
  }

  /** After an 'unknown' effect the transaction's view can only come from the catalog itself. */
  get opaque(): boolean {
    return this.unknown;
  }

  /** The kind as this transaction sees it: from its own changes, else from `base`. */
  lookup(database: string, schema: string, name: string, base: RelationKind | null): RelationKind | null {
    const same = (k: RelationKey): boolean =>
      k.database.toLowerCase() === database.toLowerCase() && k.schema.toLowerCase() === schema.toLowerCase() && k.name.toLowerCase() === name.toLowerCase();
    let kind = base;
    for (const e of this.effects) {
      if (e.type === 'create' && same(e.key) && !(e.ifNotExists && kind !== null)) kind = e.kind;
      else if (e.type === 'drop' && same(e.key)) kind = null;
      else if (e.type === 'rename') {
        if (same(e.from)) kind = null;
        else if (same(e.to)) kind = e.kind;
      }
    }
    return kind;
  }

  commitTo(cache: RelationCache): void {
    for (const e of this.effects) cache.apply(e);
  }
}
