import { describe, expect, it } from 'vitest';
import type { ExposureNode, Manifest } from '../../../src/manifest/types.js';
import { shopManifest } from './fixtures.js';
import { select } from './helpers.js';

/** Selection without indirect test selection, so each case shows only what the method matched. */
const direct = (...args: string[]): string[] => select(args, undefined, { indirectSelection: 'empty' });

const ALL_BUT_SOURCES = [
  'assert_positive_totals',
  'country_codes',
  'dim_customers',
  'fct_orders',
  'finance_report',
  'int_orders',
  'not_null_fct_orders_order_id',
  'relationships_fct_orders_customer_id',
  'source_not_null_raw_orders_id',
  'stg_customers',
  'stg_orders',
  'test_fct_orders_totals',
  'unique_dim_customers_customer_id',
  'unique_stg_orders_order_id',
];

describe('default method and fqn:', () => {
  it('matches a name', () => {
    expect(direct('stg_orders')).toEqual(['stg_orders']);
  });

  it('matches names with wildcards', () => {
    expect(direct('stg_*')).toEqual(['stg_customers', 'stg_orders']);
    expect(direct('*_customers')).toEqual(['dim_customers', 'stg_customers']);
  });

  it('matches fqn paths with and without the project name', () => {
    expect(direct('staging.stg_orders')).toEqual(['stg_orders']);
    expect(direct('shop.staging.stg_orders')).toEqual(['stg_orders']);
    expect(direct('marts.finance')).toEqual(['finance_report']);
  });

  it('selects by folder prefix, including tests declared in yml files of that folder (as dbt does)', () => {
    const staging = ['source_not_null_raw_orders_id', 'stg_customers', 'stg_orders', 'unique_stg_orders_order_id'];
    expect(direct('shop.staging')).toEqual(staging);
    expect(direct('staging.*')).toEqual(staging);
    expect(direct('marts')).toEqual([
      'dim_customers',
      'fct_orders',
      'finance_report',
      'not_null_fct_orders_order_id',
      'relationships_fct_orders_customer_id',
      'test_fct_orders_totals',
      'unique_dim_customers_customer_id',
    ]);
  });

  it('selects every node but sources by project name or fqn:*', () => {
    expect(direct('shop')).toEqual(ALL_BUT_SOURCES);
    expect(direct('fqn:*')).toEqual(ALL_BUT_SOURCES);
    expect(direct('fqn:stg_orders')).toEqual(['stg_orders']);
  });

  it('treats path-like values as paths and file names as files', () => {
    expect(direct('models/staging/stg_orders.sql')).toEqual(['stg_orders']);
    expect(direct('fct_orders.sql')).toEqual(['fct_orders']);
  });

  it('matches nothing for an unknown name without failing', () => {
    expect(direct('no_such_model')).toEqual([]);
  });
});

describe('path: and file:', () => {
  it('selects everything under a folder, including yml-declared tests and sources', () => {
    expect(direct('path:models/staging')).toEqual([
      'customers',
      'orders',
      'source_not_null_raw_orders_id',
      'stg_customers',
      'stg_orders',
      'unique_stg_orders_order_id',
    ]);
  });

  it('normalizes ./ and trailing slashes', () => {
    expect(direct('path:./models/marts/finance/')).toEqual(['finance_report']);
  });

  it('selects one file, or files by glob', () => {
    expect(direct('path:models/marts/finance/finance_report.sql')).toEqual(['finance_report']);
    expect(direct('path:models/staging/*.sql')).toEqual(['stg_customers', 'stg_orders']);
    expect(direct('path:models/*.sql')).toEqual([]);
    expect(direct('path:models/**/fct_*.sql')).toEqual(['fct_orders']);
  });

  it('selects a model through the yml file that describes it', () => {
    expect(direct('path:models/staging/_staging.yml')).toEqual(['stg_orders', 'unique_stg_orders_order_id']);
  });

  it('matches file names with or without extension', () => {
    expect(direct('file:fct_orders.sql')).toEqual(['fct_orders']);
    expect(direct('file:fct_orders')).toEqual(['fct_orders']);
    expect(direct('file:country_codes.csv')).toEqual(['country_codes']);
    expect(direct('file:dim_*')).toEqual(['dim_customers']);
  });
});

describe('tag:', () => {
  it('matches tags exactly or by wildcard', () => {
    expect(direct('tag:nightly')).toEqual(['fct_orders', 'stg_orders']);
    expect(direct('tag:fin*')).toEqual(['fct_orders', 'finance_report']);
    expect(direct('tag:raw')).toEqual(['customers', 'orders']);
    expect(direct('tag:nigh')).toEqual([]);
  });
});

describe('config.', () => {
  it('matches a scalar config', () => {
    expect(direct('config.materialized:incremental')).toEqual(['fct_orders']);
    expect(direct('config.materialized:table')).toEqual(['dim_customers', 'finance_report']);
  });

  it('matches list-valued configs that contain the value', () => {
    expect(direct('config.tags:finance')).toEqual(['fct_orders', 'finance_report']);
    expect(direct('config.unique_key:line')).toEqual(['fct_orders']);
  });

  it('descends into nested configs and compares booleans case-insensitively', () => {
    expect(direct('config.contract.enforced:true')).toEqual(['fct_orders']);
    expect(direct('config.contract.enforced:True')).toEqual(['fct_orders']);
    expect(direct('config.contract.enforced:false')).not.toContain('fct_orders');
    expect(direct('config.meta.owner:ana')).toEqual(['fct_orders']);
    expect(direct('config.meta.owner.name:ana')).toEqual([]);
  });

  it('compares severity case-insensitively', () => {
    expect(direct('config.severity:ERROR')).toHaveLength(6);
  });
});

describe('group: and access:', () => {
  it('group: matches the group config, with wildcards', () => {
    expect(direct('group:finance')).toEqual(['finance_report']);
    expect(direct('group:fin*')).toEqual(['finance_report']);
    expect(direct('group:ops')).toEqual([]);
  });

  it('access: matches models by level, protected when unset', () => {
    expect(direct('access:public')).toEqual(['finance_report']);
    expect(direct('access:private')).toEqual(['dim_customers']);
    expect(direct('access:protected')).toEqual(['fct_orders', 'int_orders', 'stg_customers', 'stg_orders']);
    expect(() => direct('access:secret')).toThrow(/Invalid access 'secret'/);
  });
});

describe('resource_type:', () => {
  it.each([
    ['seed', ['country_codes']],
    ['source', ['customers', 'orders']],
    ['unit_test', ['test_fct_orders_totals']],
    ['snapshot', []],
  ])('%s', (type, expected) => {
    expect(direct(`resource_type:${type}`)).toEqual(expected);
  });

  it('model', () => {
    expect(direct('resource_type:model')).toHaveLength(6);
  });
});

describe('source:', () => {
  it('selects all tables of a source, one table, or by wildcard', () => {
    expect(direct('source:raw')).toEqual(['customers', 'orders']);
    expect(direct('source:raw.orders')).toEqual(['orders']);
    expect(direct('source:raw.cust*')).toEqual(['customers']);
    expect(direct('source:shop.raw.orders')).toEqual(['orders']);
    expect(direct('source:other_pkg.raw.orders')).toEqual([]);
    expect(direct('source:stripe')).toEqual([]);
  });
});

describe('test_type: and test_name:', () => {
  it('separates generic, singular, data and unit tests', () => {
    expect(direct('test_type:generic')).toEqual([
      'not_null_fct_orders_order_id',
      'relationships_fct_orders_customer_id',
      'source_not_null_raw_orders_id',
      'unique_dim_customers_customer_id',
      'unique_stg_orders_order_id',
    ]);
    expect(direct('test_type:singular')).toEqual(['assert_positive_totals']);
    expect(direct('test_type:data')).toHaveLength(6);
    expect(direct('test_type:unit')).toEqual(['test_fct_orders_totals']);
  });

  it('matches the generic test name', () => {
    expect(direct('test_name:unique')).toEqual(['unique_dim_customers_customer_id', 'unique_stg_orders_order_id']);
    expect(direct('test_name:not_*')).toEqual(['not_null_fct_orders_order_id', 'source_not_null_raw_orders_id']);
  });
});

describe('package: and unit_test:', () => {
  it('matches the package, with this for the root project', () => {
    expect(direct('package:shop')).toHaveLength(16);
    expect(direct('package:this')).toHaveLength(16);
    expect(direct('package:dbt_utils')).toEqual([]);
  });

  it('matches unit tests by name', () => {
    expect(direct('unit_test:test_fct_*')).toEqual(['test_fct_orders_totals']);
    expect(direct('unit_test:marts.fct_orders')).toEqual(['test_fct_orders_totals']);
    expect(direct('unit_test:fct_orders')).toEqual([]);
  });
});

describe('exposure:', () => {
  const withExposure = (): Manifest => {
    const manifest = shopManifest();
    const exposure: ExposureNode = {
      uniqueId: 'exposure.shop.weekly',
      name: 'weekly',
      fqn: ['shop', 'weekly'],
      packageName: 'shop',
      originalFilePath: 'models/exposures.yml',
      properties: { name: 'weekly', type: 'dashboard', owner: { name: 'ana' }, dependsOn: [], description: '', tags: [], meta: {}, enabled: true, location: { file: 'models/exposures.yml', line: 2 } },
      dependsOn: ['model.shop.finance_report'],
    };
    return { ...manifest, exposures: new Map([[exposure.uniqueId, exposure]]) };
  };
  const viaExposure = (...args: string[]): string[] => select(args, undefined, { indirectSelection: 'empty' }, withExposure());

  it('+exposure:x selects what it depends on and their ancestors; N+ limits the generations', () => {
    expect(viaExposure('+exposure:weekly')).toEqual(viaExposure('+finance_report'));
    expect(viaExposure('1+exposure:weekly')).toEqual(['finance_report']);
    expect(viaExposure('2+exposure:weekly')).toEqual(['dim_customers', 'fct_orders', 'finance_report']);
    expect(viaExposure('+exposure:week*')).toEqual(viaExposure('+finance_report'));
  });

  it('exposure:x alone matches no node (an exposure never runs); an unknown name selects nothing', () => {
    expect(viaExposure('exposure:weekly')).toEqual([]);
    expect(viaExposure('+exposure:monthly')).toEqual([]);
  });
});
