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
  'models/census.sql': "{{ config(materialized='incremental', partition_by=['level_id']) }}\nselect level_id from {{ ref('stg_levels') }}\n",
  'models/census_by_year.sql': "{{ config(materialized='incremental', partition_by=['year']) }}\nselect {{ var('year') }} as year, level_id from {{ ref('stg_levels') }}\n",
  'models/reads_itself.sql': "{{ config(materialized='incremental', unique_key='level_id') }}\nselect level_id from {{ ref('stg_levels') }}{% if is_incremental() %} where level_id > (select max(level_id) from {{ this }}){% endif %}\n",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: stg_levels\n    columns:\n      - name: level_id\n        data_tests: [unique]\n  - name: yearly\n    columns:\n      - name: year\n        data_tests: [not_null]\n',
});
afterAll(() => removeProject(dir));

const prepare = (year: number) => prepareProject({ projectDir: dir, cliVars: { year } });
const names = (ids: Set<string>): string[] => [...ids].map((id) => id.split('.').slice(2, 3)[0]!).sort();

describe('nodesToBuildAfter', () => {
  it('keeps unchanged seeds, tables and their tests; rebuilds what the year changes, incrementals that append or read themselves, and their downstream', () => {
    const built = nodesToBuildAfter(prepare(2025), prepare(2026));
    expect(names(built)).toEqual(['after_yearly', 'census_by_year', 'not_null_yearly_year', 'reads_itself', 'store', 'yearly']);
  });

  it('builds nothing new when nothing differs but still runs incrementals whose re-run is not a no-op', () => {
    expect(names(nodesToBuildAfter(prepare(2025), prepare(2025)))).toEqual(['reads_itself', 'store']);
  });
});
