import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';
import { outputOf, queryDb } from './helpers/query-db.js';

/** dbt's persist_docs: descriptions become DuckDB comments on the relation and its columns. */
describe('persist_docs (e2e)', () => {
  const dir = makeProject({
    'seeds/s.csv': 'id\n1\n',
    'models/t.sql': "{{ config(materialized='table') }}select 1 as id, 'x' as name",
    'models/v.sql': 'select 1 as id',
    'models/ext.sql': "{{ config(materialized='external') }}select 1 as id",
    'models/schema.yml': `models:
  - name: t
    description: "People's table"
    config: {persist_docs: {relation: true, columns: true}}
    columns:
      - {name: id, description: The key}
      - {name: gone, description: not in the table}
  - name: ext
    description: An external file
    config: {persist_docs: {relation: true}}
  - name: v
    description: A view
    config: {persist_docs: {relation: true}}
    columns:
      - {name: id, description: not persisted (columns false)}
seeds:
  - name: s
    description: A seed
    config: {persist_docs: {relation: true, columns: true}}
    columns:
      - {name: id, description: Seed key}
`,
  });
  afterAll(() => removeProject(dir));

  it('comments relations and described columns that exist, only where persist_docs asks', async () => {
    const run = runPlan(['build'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(await queryDb(dir, "select table_name as n, comment as c from duckdb_tables() where table_name in ('t', 's') union all select view_name, comment from duckdb_views() where view_name in ('v', 'ext') order by 1")).toEqual([
      { n: 'ext', c: 'An external file' },
      { n: 's', c: 'A seed' },
      { n: 't', c: "People's table" },
      { n: 'v', c: 'A view' },
    ]);
    expect(await queryDb(dir, "select table_name as t, column_name as n, comment as c from duckdb_columns() where table_name in ('t', 'v', 's') order by 1, 2")).toEqual([
      { t: 's', n: 'id', c: 'Seed key' },
      { t: 't', n: 'id', c: 'The key' },
      { t: 't', n: 'name', c: null },
      { t: 'v', n: 'id', c: null },
    ]);
  });
});
