import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** dbt-duckdb's sources read from files: `external_location` in meta (rendered: Jinja may pick it by target) or config, with {name} filled in. */
describe('sources with external_location (e2e)', () => {
  const dir = makeProject({
    'data/people.csv': 'id,name\n1,ann\n2,bob\n',
    'data/pets.csv': 'id,kind\n1,cat\n',
    'models/sources.yml': `sources:
  - name: files
    meta:
      external_location: >-
        {{ "read_csv('data/{name}.csv', header = true)" if target.name == 'dev' else 's3://prod/{name}.csv' }}
    tables:
      - name: people
      - name: animals
        config:
          external_location: data/pets.csv
`,
    // Tables: a view would read the relative path again from wherever the database is opened.
    'models/people.sql': "{{ config(materialized='table') }}select * from {{ source('files', 'people') }}",
    'models/animals.sql': "{{ config(materialized='table') }}select * from {{ source('files', 'animals') }}",
  });
  afterAll(() => removeProject(dir));

  it('renders the location in place of the relation: a function call as written, a path quoted', async () => {
    const run = runPlan(['run'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(await queryDb(dir, 'select name from people order by id')).toEqual([{ name: 'ann' }, { name: 'bob' }]);
    expect(await queryDb(dir, 'select kind from animals')).toEqual([{ kind: 'cat' }]);
    const compiled = runPlan(['compile', '--select', 'animals'], { cwd: dir });
    expect(compiled.code, outputOf(compiled)).toBe(0);
    expect(outputOf(runPlan(['show', '--inline', "select 1 as x from {{ source('files', 'animals') }} limit 1"], { cwd: dir }))).toMatch(/x/);
  });
});
