import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan } from '../helpers/run-cli.js';
import { makeProject, removeProject } from '../helpers/temp-project.js';
import { outputOf } from './helpers/query-db.js';

/** plan docs generate: manifest.json, compiled SQL and catalog.json, as dbt docs generate. */

const FILES: Record<string, string> = {
  'seeds/people.csv': 'id,name\n1,Ann\n',
  'models/names.sql': "{{ config(materialized='table') }}\nselect id, upper(name) as name from {{ ref('people') }}",
  'models/later.sql': "select 1 as x from {{ ref('names') }}",
};

type Catalog = { nodes: Record<string, { metadata: { type: string }; columns: Record<string, { type: string; index: number }> }> };

describe('plan docs generate (e2e)', () => {
  const dir = makeProject(FILES);
  afterAll(() => removeProject(dir));
  const catalog = (): Catalog => JSON.parse(fs.readFileSync(path.join(dir, 'target', 'catalog.json'), 'utf8')) as Catalog;

  it('before anything is built: manifest and compiled SQL, an empty catalog and a warning', () => {
    const run = runPlan(['docs', 'generate'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stderr).toMatch(/does not exist yet: catalog\.json lists no relations/);
    expect(catalog().nodes).toEqual({});
    expect(fs.existsSync(path.join(dir, 'target', 'manifest.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'target', 'compiled', 'test', 'models', 'names.sql'))).toBe(true);
  });

  it('lists the columns and types of the built relations', () => {
    expect(runPlan(['build', '--exclude', 'later'], { cwd: dir }).code).toBe(0);
    const run = runPlan(['docs', 'generate'], { cwd: dir });
    expect(run.code, outputOf(run)).toBe(0);
    const nodes = catalog().nodes;
    expect(Object.keys(nodes).sort()).toEqual(['model.test.names', 'seed.test.people']);
    expect(nodes['model.test.names'].metadata.type).toBe('BASE TABLE');
    expect(nodes['model.test.names'].columns).toEqual({ id: { type: 'INTEGER', index: 1, name: 'id', comment: null }, name: { type: 'VARCHAR', index: 2, name: 'name', comment: null } });
  });
});
