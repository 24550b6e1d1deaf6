import type { NodeConfig } from '../../../src/config/types.js';
import type {
  Manifest,
  ManifestNode,
  ModelNode,
  RefCall,
  SeedNode,
  SourceNode,
  TestNode,
  UnitTestNode,
} from '../../../src/manifest/types.js';

/** A NodeConfig with dbt's defaults, overridable per node. */
export function nodeConfig(overrides: Partial<NodeConfig> & Record<string, unknown> = {}): NodeConfig {
  return {
    enabled: true,
    materialized: 'view',
    tags: [],
    pre_hook: [],
    post_hook: [],
    column_types: {},
    contract: { enforced: false },
    on_schema_change: 'ignore',
    meta: {},
    ...overrides,
  };
}

interface ModelOptions {
  /** Folder under models/, e.g. 'staging' or 'marts/finance'. */
  readonly folder?: string;
  /** Parents: model/seed names, or 'source_name.table' for sources. */
  readonly deps?: readonly string[];
  readonly tags?: readonly string[];
  readonly config?: Partial<NodeConfig> & Record<string, unknown>;
  readonly patchPath?: string;
  /** Ref lines, by parent name. */
  readonly refLines?: Readonly<Record<string, number>>;
}

interface TestOptions {
  readonly deps: readonly string[];
  /** Generic test name (unique, not_null...); omit for a singular test. */
  readonly generic?: string;
  readonly attachedTo?: string;
  readonly file?: string;
  readonly tags?: readonly string[];
}

type Pending = { readonly node: ManifestNode; readonly deps: readonly string[] };

/**
 * Builds small manifests for graph and selection tests. Dependencies are written as names and
 * resolved when `build()` is called, so nodes can be declared in any order.
 */
export class ManifestBuilder {
  readonly #pending: Pending[] = [];
  constructor(readonly projectName = 'shop') {}

  model(name: string, options: ModelOptions = {}): this {
    const folder = options.folder ? `${options.folder}/` : '';
    const path = `${folder}${name}.sql`;
    const tags = options.tags ?? [];
    const config = nodeConfig({ tags, ...options.config });
    const refs: RefCall[] = (options.deps ?? [])
      .filter((d) => !d.includes('.'))
      .map((d) => ({ name: d, line: options.refLines?.[d] }));
    const node: ModelNode = {
      ...this.#base('model', name, path, `models/${path}`, [this.projectName, ...folder.split('/').filter(Boolean), name], tags),
      config,
      rawCode: 'select 1',
      checksum: '0',
      dependsOn: { nodes: [], macros: [] },
      refs,
      sources: [],
      columns: {},
      relation: { database: 'db', schema: 'main', identifier: name },
      priorReads: [],
      constraints: [],
      patchPath: options.patchPath,
    };
    this.#pending.push({ node, deps: options.deps ?? [] });
    return this;
  }

  seed(name: string, options: { readonly tags?: readonly string[] } = {}): this {
    const tags = options.tags ?? [];
    const node: SeedNode = {
      ...this.#base('seed', name, `${name}.csv`, `seeds/${name}.csv`, [this.projectName, name], tags),
      config: nodeConfig({ materialized: 'seed', tags }),
      rawCode: '',
      checksum: '0',
      dependsOn: { nodes: [], macros: [] },
      refs: [],
      sources: [],
      columns: {},
      relation: { database: 'db', schema: 'main', identifier: name },
      absPath: `/project/seeds/${name}.csv`,
    };
    this.#pending.push({ node, deps: [] });
    return this;
  }

  source(sourceName: string, table: string, options: { readonly file?: string; readonly tags?: readonly string[] } = {}): this {
    const file = options.file ?? 'models/staging/_sources.yml';
    const tags = options.tags ?? [];
    const node: SourceNode = {
      ...this.#base('source', table, file.replace(/^models\//, ''), file, [this.projectName, 'staging', sourceName, table], tags),
      uniqueId: `source.${this.projectName}.${sourceName}.${table}`,
      sourceName,
      relation: { database: 'db', schema: sourceName, identifier: table },
      columns: {},
      config: nodeConfig({ tags }),
    };
    this.#pending.push({ node, deps: [] });
    return this;
  }

  test(name: string, options: TestOptions): this {
    const file = options.file ?? (options.generic ? 'models/schema.yml' : `tests/data/${name}.sql`);
    const tags = options.tags ?? [];
    const node: TestNode = {
      ...this.#base('test', name, file.replace(/^[^/]+\//, ''), file, [this.projectName, ...folderParts(file), name], tags),
      config: nodeConfig({ materialized: 'test', tags, severity: 'error' }),
      rawCode: '',
      checksum: '0',
      dependsOn: { nodes: [], macros: [] },
      refs: [],
      sources: [],
      columns: {},
      testType: options.generic ? 'generic' : 'singular',
      testMetadata: options.generic ? { name: options.generic, kwargs: {} } : undefined,
      attachedNode: options.attachedTo,
    };
    this.#pending.push({ node, deps: options.deps });
    return this;
  }

  unitTest(name: string, model: string, file = 'models/schema.yml'): this {
    const node: UnitTestNode = {
      ...this.#base('unit_test', name, file.replace(/^models\//, ''), file, [this.projectName, ...folderParts(file), model, name], []),
      model,
      definition: {} as UnitTestNode['definition'],
      config: nodeConfig({ materialized: 'unit' }),
      dependsOn: { nodes: [], macros: [] },
    };
    this.#pending.push({ node, deps: [model] });
    return this;
  }

  build(): Manifest {
    const byName = new Map<string, string>();
    for (const { node } of this.#pending) if (node.resourceType === 'model' || node.resourceType === 'seed') byName.set(node.name, node.uniqueId);
    const resolve = (dep: string): string =>
      dep.includes('.') ? `source.${this.projectName}.${dep}` : (byName.get(dep) ?? `model.${this.projectName}.${dep}`);
    const nodes = new Map<string, ManifestNode>();
    for (const { node, deps } of this.#pending) {
      const ids = deps.map(resolve);
      let built: ManifestNode = node;
      if (node.resourceType === 'unit_test') built = { ...node, model: ids[0], dependsOn: { nodes: ids, macros: [] } };
      else if (node.resourceType === 'test') {
        built = { ...node, dependsOn: { nodes: ids, macros: [] }, attachedNode: node.attachedNode ? resolve(node.attachedNode) : undefined };
      } else if (node.resourceType !== 'source') built = { ...node, dependsOn: { nodes: ids, macros: [] } };
      nodes.set(built.uniqueId, built);
    }
    return { projectName: this.projectName, nodes, macros: new Map(), docs: new Map() };
  }

  #base<T extends ManifestNode['resourceType']>(resourceType: T, name: string, path: string, originalFilePath: string, fqn: string[], tags: readonly string[]) {
    return {
      uniqueId: `${resourceType}.${this.projectName}.${name}`,
      resourceType,
      name,
      packageName: this.projectName,
      path,
      originalFilePath,
      fqn,
      description: '',
      tags,
      meta: {},
    };
  }
}

/** dbt's fqn folders: the file's folders below its root path ('models/marts/x.yml' -> ['marts']). */
function folderParts(file: string): string[] {
  return file.split('/').slice(1, -1);
}

/**
 * A small shop project:
 *
 *   raw.orders    -> stg_orders    -> int_orders -> fct_orders -> finance_report
 *   raw.customers -> stg_customers -> int_orders                   ^
 *   country_codes (seed)           -> int_orders                   |
 *                    stg_customers -> dim_customers ---------------+
 *
 * Tests: unique on stg_orders, not_null on fct_orders, a relationships test from fct_orders to
 * stg_customers, unique on dim_customers, a singular test on fct_orders, a not_null on the
 * raw.orders source, and a unit test of fct_orders.
 */
export function shopManifest(): Manifest {
  return new ManifestBuilder('shop')
    .source('raw', 'orders', { tags: ['raw'] })
    .source('raw', 'customers', { tags: ['raw'] })
    .seed('country_codes')
    .model('stg_orders', { folder: 'staging', deps: ['raw.orders'], tags: ['staging', 'nightly'], patchPath: 'shop://models/staging/_staging.yml' })
    .model('stg_customers', { folder: 'staging', deps: ['raw.customers'], tags: ['staging'] })
    .model('int_orders', { folder: 'intermediate', deps: ['stg_orders', 'stg_customers', 'country_codes'], config: { materialized: 'ephemeral' } })
    .model('fct_orders', {
      folder: 'marts',
      deps: ['int_orders'],
      tags: ['nightly', 'finance'],
      config: { materialized: 'incremental', contract: { enforced: true }, unique_key: ['order_id', 'line'], meta: { owner: 'ana' } },
    })
    .model('dim_customers', { folder: 'marts', deps: ['stg_customers'], config: { materialized: 'table', access: 'private' } })
    .model('finance_report', { folder: 'marts/finance', deps: ['fct_orders', 'dim_customers'], tags: ['finance'], config: { materialized: 'table', group: 'finance', access: 'public' } })
    .test('unique_stg_orders_order_id', { generic: 'unique', deps: ['stg_orders'], attachedTo: 'stg_orders', file: 'models/staging/_staging.yml' })
    .test('not_null_fct_orders_order_id', { generic: 'not_null', deps: ['fct_orders'], attachedTo: 'fct_orders', file: 'models/marts/_marts.yml' })
    .test('relationships_fct_orders_customer_id', {
      generic: 'relationships',
      deps: ['fct_orders', 'stg_customers'],
      attachedTo: 'fct_orders',
      file: 'models/marts/_marts.yml',
    })
    .test('unique_dim_customers_customer_id', { generic: 'unique', deps: ['dim_customers'], attachedTo: 'dim_customers', file: 'models/marts/_marts.yml' })
    .test('assert_positive_totals', { deps: ['fct_orders'] })
    .test('source_not_null_raw_orders_id', { generic: 'not_null', deps: ['raw.orders'], file: 'models/staging/_sources.yml' })
    .unitTest('test_fct_orders_totals', 'fct_orders', 'models/marts/_marts.yml')
    .build();
}
