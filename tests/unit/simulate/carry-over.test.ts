import { afterAll, describe, expect, it } from 'vitest';
import { prepareProject } from '../../../src/pipeline/prepare.js';
import { nodesToBuildAfter } from '../../../src/simulate/carry-over.js';
import { makeProject, removeProject } from '../../helpers/temp-project.js';

const dir = makeProject({
  'seeds/levels.csv': 'level_id,name\n1,junior\n',
  'models/stg_levels.sql': "{{ config(materialized='table') }}\nselect * from {{ ref('levels') }}\n",
  'models/yearly.sql': "{{ config(materialized='table') }}\nselect level_id, {{ var('year') }} as year from {{ ref('stg_levels') }}\n",
  'models/after_yearly.sql': "select * from {{ ref('yearly') }}\n",
  'models/store.sql': "{{ config(materialized='incremental') }}\nselect level_id from {{ ref('stg_levels') }}\n",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: stg_levels\n    columns:\n      - name: level_id\n        data_tests: [unique]\n  - name: yearly\n    columns:\n      - name: year\n        data_tests: [not_null]\n',
});
afterAll(() => removeProject(dir));

const prepare = (year: number) => prepareProject({ projectDir: dir, cliVars: { year } });
const names = (ids: Set<string>): string[] => [...ids].map((id) => id.split('.').slice(2, 3)[0]!).sort();

describe('nodesToBuildAfter', () => {
  it('keeps unchanged seeds, tables and their tests; rebuilds what the year changes, incrementals, and their downstream', () => {
    const built = nodesToBuildAfter(prepare(2025), prepare(2026));
    expect(names(built)).toEqual(['after_yearly', 'not_null_yearly_year', 'store', 'yearly']);
  });

  it('builds nothing new when nothing differs but still runs incremental models', () => {
    expect(names(nodesToBuildAfter(prepare(2025), prepare(2025)))).toEqual(['store']);
  });
});
