import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';

/** dbt-duckdb's external materialization: the rows go to a file, the relation is a view over it. */
describe("materialized='external' (e2e)", () => {
  const dir = makeProject({
    'profiles.yml': 'test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/test.duckdb\n      external_root: exports\n',
    'models/plain.sql': "{{ config(materialized='external') }}select 1 as id, 'a' as name",
    'models/as_csv.sql': "{{ config(materialized='external', location='out/people.csv', delimiter='|') }}select 2 as id",
    'models/parts.sql': "{{ config(materialized='external', location='out/parts', options={'partition_by': 'y'}) }}select * from (values (1, 2024), (2, 2025)) t(id, y)",
    'models/reader.sql': "select (select count(*) from {{ ref('plain') }}) + (select sum(id) from {{ ref('as_csv') }}) + (select count(*) from {{ ref('parts') }}) as n",
  });
  afterAll(() => removeProject(dir));

  it('writes parquet under external_root, csv and partitioned folders at location, and refs read them back', () => {
    const run = runPlan(['run'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toMatch(/external +plain +COPY 1 row TO exports\/plain\.parquet/);
    expect(fs.existsSync(path.join(dir, 'exports/plain.parquet'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'out/people.csv'), 'utf8').trim()).toBe('id\n2');
    expect(fs.readdirSync(path.join(dir, 'out/parts')).sort()).toEqual(['y=2024', 'y=2025']);
    const show = runPlan(['show', '--inline', "select n from {{ ref('reader') }}"], { cwd: dir });
    expect(show.code, outputOf(show)).toBe(0);
    expect(show.stdout).toMatch(/^5$/m);
  });
});
