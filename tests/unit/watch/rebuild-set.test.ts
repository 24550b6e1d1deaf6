import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareProject, type PreparedProject } from '../../../src/pipeline/prepare.js';
import { parseSelectors, selectNodes } from '../../../src/select/index.js';
import { compiledChanges } from '../../../src/plan/compiled-diff.js';
import { diffManifests } from '../../../src/watch/manifest-diff.js';
import { nodesToRebuild } from '../../../src/plan/rebuild-set.js';
import { refreshProject } from '../../../src/watch/refresh-project.js';
import { makeProject, removeProject, writeFile } from '../../helpers/temp-project.js';

const FILES = {
  'seeds/raw_people.csv': 'id,name\n1,a\n2,b\n',
  'macros/cents.sql': '{% macro cents(col) %}({{ col }} * 100){% endmacro %}\n{% macro unused() %}1{% endmacro %}\n',
  'models/staging/stg_people.sql': "select id, name, {{ cents('id') }} as amount from {{ ref('raw_people') }}\n",
  'models/staging/stg_other.sql': 'select 1 as id\n',
  'models/marts/mart_a.sql': "select * from {{ ref('stg_people') }}\n",
  'models/marts/mart_b.sql': "select count(*) as n from {{ ref('stg_people') }}\n",
  'models/schema.yml': `version: 2
models:
  - name: stg_people
    columns:
      - name: id
        data_tests: [unique]
  - name: mart_a
    columns:
      - name: id
        data_tests: [not_null]
`,
};

let dir = '';
afterEach(() => {
  if (dir) removeProject(dir);
  dir = '';
});

/** Prepare the project, apply `edit`, re-read the changed files, and return the names to rebuild. */
function rebuildAfter(edit: Record<string, string>, options: { select?: string[]; carried?: string[] } = {}): string[] {
  dir = makeProject(FILES);
  const first = refreshProject(dir, undefined, new Map());
  const before = prepareProject({ projectDir: dir, project: first.value! });
  for (const [rel, contents] of Object.entries(edit)) writeFile(dir, rel, contents);
  const changes = new Map(Object.keys(edit).map((rel) => [path.join(dir, rel), 'change' as const]));
  const refreshed = refreshProject(dir, first.value, changes);
  const after = prepareProject({ projectDir: dir, project: refreshed.value! });
  const changed = new Set(diffManifests(before.rendered.manifest, after.rendered.manifest).changed);
  const selected = selectNodes(after.rendered.manifest, after.dag, parseSelectors(options.select, undefined));
  const kinds = new Set(refreshed.kinds.values());
  if (refreshed.fullReload || kinds.has('macro')) for (const id of compiledChanges(before.rendered, after.rendered, selected)) changed.add(id);
  const carried = (options.carried ?? []).map((n) => idOf(after, n));
  return names(after, nodesToRebuild({ changed, carried, dag: after.dag, selected }));
}

function idOf(p: PreparedProject, name: string): string {
  return [...p.rendered.manifest.nodes.values()].find((n) => n.name === name)!.uniqueId;
}

function names(p: PreparedProject, ids: Iterable<string>): string[] {
  return [...ids].map((id) => p.rendered.manifest.nodes.get(id)!.name).sort();
}

describe('nodes to rebuild after a change', () => {
  it('a leaf mart: only that mart and its tests', () => {
    expect(rebuildAfter({ 'models/marts/mart_a.sql': "select *, 1 as x from {{ ref('stg_people') }}\n" })).toEqual(['mart_a', 'not_null_mart_a_id']);
  });

  it('a staging model: it, its tests and everything downstream with their tests', () => {
    expect(rebuildAfter({ 'models/staging/stg_people.sql': "select id, name, 0 as amount from {{ ref('raw_people') }}\n" })).toEqual([
      'mart_a',
      'mart_b',
      'not_null_mart_a_id',
      'stg_people',
      'unique_stg_people_id',
    ]);
  });

  it('downstream is kept to the selection', () => {
    expect(rebuildAfter({ 'models/staging/stg_people.sql': "select id, name from {{ ref('raw_people') }}\n" }, { select: ['stg_people', 'mart_b'] })).toEqual([
      'mart_b',
      'stg_people',
      'unique_stg_people_id',
    ]);
  });

  it('saving a file without changing it rebuilds nothing', () => {
    expect(rebuildAfter({ 'models/marts/mart_b.sql': FILES['models/marts/mart_b.sql'] })).toEqual([]);
  });

  it('a seed: the seed and everything built from it', () => {
    expect(rebuildAfter({ 'seeds/raw_people.csv': 'id,name\n1,a\n2,b\n3,c\n' })).toEqual([
      'mart_a',
      'mart_b',
      'not_null_mart_a_id',
      'raw_people',
      'stg_people',
      'unique_stg_people_id',
    ]);
  });

  it('a macro: only the models whose compiled SQL changes, and their downstream', () => {
    const macro = '{% macro cents(col) %}({{ col }} * 1000){% endmacro %}\n{% macro unused() %}1{% endmacro %}\n';
    expect(rebuildAfter({ 'macros/cents.sql': macro })).toEqual(['mart_a', 'mart_b', 'not_null_mart_a_id', 'stg_people', 'unique_stg_people_id']);
  });

  it('a macro no model uses: nothing', () => {
    const macro = '{% macro cents(col) %}({{ col }} * 100){% endmacro %}\n{% macro unused() %}2{% endmacro %}\n';
    expect(rebuildAfter({ 'macros/cents.sql': macro })).toEqual([]);
  });

  it('a test added in yml: only the new test', () => {
    const yml = FILES['models/schema.yml'].replace('data_tests: [not_null]', 'data_tests: [not_null, unique]');
    expect(rebuildAfter({ 'models/schema.yml': yml })).toEqual(['unique_mart_a_id']);
  });

  it('a column description: nothing; a column data_type: the model and its downstream', () => {
    const described = FILES['models/schema.yml'].replace('      - name: id\n        data_tests: [not_null]', '      - name: id\n        description: the id\n        data_tests: [not_null]');
    expect(rebuildAfter({ 'models/schema.yml': described })).toEqual([]);
    removeProject(dir);
    const typed = FILES['models/schema.yml'].replace('      - name: id\n        data_tests: [not_null]', '      - name: id\n        data_type: integer\n        data_tests: [not_null]');
    expect(rebuildAfter({ 'models/schema.yml': typed })).toEqual(['mart_a', 'not_null_mart_a_id']);
  });

  it('a var changed in project.yml: the models that use it', () => {
    dir = '';
    const files = { ...FILES, 'project.yml': 'name: test\nprofile: test\nvars:\n  k: 1\n', 'models/marts/mart_b.sql': "select {{ var('k') }} as k\n" };
    const d = makeProject(files);
    try {
      const first = refreshProject(d, undefined, new Map());
      const before = prepareProject({ projectDir: d, project: first.value! });
      writeFile(d, 'project.yml', 'name: test\nprofile: test\nvars:\n  k: 2\n');
      const refreshed = refreshProject(d, first.value, new Map([[path.join(d, 'project.yml'), 'change' as const]]));
      expect(refreshed.fullReload).toBe(true);
      const after = prepareProject({ projectDir: d, project: refreshed.value! });
      const selected = selectNodes(after.rendered.manifest, after.dag, parseSelectors(undefined, undefined));
      expect(diffManifests(before.rendered.manifest, after.rendered.manifest).changed.size).toBe(0);
      expect(names(after, compiledChanges(before.rendered, after.rendered, selected))).toEqual(['mart_b']);
    } finally {
      removeProject(d);
    }
  });

  it('nodes that errored last time are built again with their downstream', () => {
    expect(rebuildAfter({ 'models/marts/mart_a.sql': "select *, 2 as y from {{ ref('stg_people') }}\n" }, { carried: ['mart_b'] })).toEqual([
      'mart_a',
      'mart_b',
      'not_null_mart_a_id',
    ]);
  });

  it('a new model file is read incrementally and built', () => {
    dir = makeProject(FILES);
    const first = refreshProject(dir, undefined, new Map());
    writeFile(dir, 'models/marts/mart_c.sql', "select * from {{ ref('mart_a') }}\n");
    const refreshed = refreshProject(dir, first.value, new Map([[path.join(dir, 'models/marts/mart_c.sql'), 'add' as const]]));
    expect(refreshed.fullReload).toBe(false);
    expect(refreshed.value!.models.map((m) => m.path)).toEqual([
      'models/marts/mart_a.sql',
      'models/marts/mart_b.sql',
      'models/marts/mart_c.sql',
      'models/staging/stg_other.sql',
      'models/staging/stg_people.sql',
    ]);
    // Unchanged files are the same objects: nothing else was read again.
    expect(refreshed.value!.models[0]).toBe(first.value!.models[0]);
  });

  it('a deleted model file leaves the project', () => {
    dir = makeProject(FILES);
    const first = refreshProject(dir, undefined, new Map());
    removeProject(path.join(dir, 'models/staging/stg_other.sql'));
    const refreshed = refreshProject(dir, first.value, new Map([[path.join(dir, 'models/staging/stg_other.sql'), 'unlink' as const]]));
    expect(refreshed.value!.models.map((m) => m.path)).not.toContain('models/staging/stg_other.sql');
  });
});
