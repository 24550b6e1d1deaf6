import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPlan, runPlanAsync } from '../helpers/run-cli.js';
import { makeProject, removeProject, writeFile } from '../helpers/temp-project.js';
import { WatchProcess, builtNames, count, sleep } from './watch-helpers.js';

// Drives a real `plan watch` (the built CLI: run `npm run build` first) on temp projects.

const FILES = {
  'seeds/people.csv': 'id,name\n1,ann\n2,bob\n3,cy\n',
  'models/stg_people.sql': "select id, name from {{ ref('people') }}\n",
  'models/mart_names.sql': "select name from {{ ref('stg_people') }}\n",
  'models/mart_count.sql': "select count(*) as n, {{ var('year', 2025) }} as year from {{ ref('stg_people') }}\n",
  'models/schema.yml': `version: 2
models:
  - name: stg_people
    columns:
      - name: id
        data_tests: [unique, not_null]
  - name: mart_count
    columns:
      - name: n
        data_tests: [not_null]
`,
};

const TIMEOUT = 180_000;
let dir = '';
let watch: WatchProcess | undefined;

afterEach(async () => {
  await watch?.stop('SIGKILL');
  watch = undefined;
  if (dir) removeProject(dir);
  dir = '';
});

async function startWatch(args: readonly string[] = []): Promise<WatchProcess> {
  dir = makeProject(FILES);
  watch = new WatchProcess(dir, args);
  await watch.waitFor((t) => t.includes('watching for changes'));
  return watch;
}

describe('plan watch', () => {
  it(
    'builds once, then rebuilds the saved model, its downstream and their tests, with a preview',
    async () => {
      const w = await startWatch(['--vars', 'year=2026']);
      expect(builtNames(w.stdout)).toEqual(['mart_count', 'mart_names', 'not_null_mart_count_n', 'not_null_stg_people_id', 'people', 'stg_people', 'unique_stg_people_id']);

      const staging = await w.nextRebuild(() => writeFile(dir, 'models/stg_people.sql', "select id, upper(name) as name from {{ ref('people') }}\n"));
      expect(staging).toContain('changed: models/stg_people.sql');
      expect(builtNames(staging)).toEqual(['mart_count', 'mart_names', 'not_null_mart_count_n', 'not_null_stg_people_id', 'stg_people', 'unique_stg_people_id']);
      expect(staging).toContain('stg_people: 3 rows');
      expect(staging).toMatch(/1\s+\|\s+ANN/);
      expect(staging).toMatch(/timing: event->exec=\d+ms overhead=\d+ms/);

      // A leaf mart: only it and its test; --vars year=2026 reaches the model.
      const leaf = await w.nextRebuild(() => writeFile(dir, 'models/mart_count.sql', "select count(*) as n, {{ var('year', 2025) }} as year, 'x' as tag from {{ ref('stg_people') }}\n"));
      expect(builtNames(leaf)).toEqual(['mart_count', 'not_null_mart_count_n']);
      expect(leaf).toContain('mart_count: 1 row');
      expect(leaf).toMatch(/3\s+\|\s+2026\s+\|\s+x/);
      // Its artifacts follow the timing line: run_results.json holds what the rebuild ran.
      const ran = async (): Promise<string[]> => {
        for (let i = 0; i < 40; i++) {
          const file = path.join(dir, 'target', 'run_results.json');
          const ids = (JSON.parse(fs.readFileSync(file, 'utf8')) as { results: { unique_id: string }[] }).results.map((r) => r.unique_id.split('.')[2]).sort();
          if (ids.length === 2) return ids;
          await sleep(50);
        }
        return [];
      };
      expect(await ran()).toEqual(['mart_count', 'not_null_mart_count_n']);

      // A yml change that adds a test runs just that test.
      const yml = FILES['models/schema.yml'].replace('data_tests: [unique, not_null]', 'data_tests: [unique, not_null, {accepted_values: {values: [1, 2, 3]}}]');
      const tests = await w.nextRebuild(() => writeFile(dir, 'models/schema.yml', yml));
      expect(builtNames(tests)).toHaveLength(1);
      expect(builtNames(tests)[0]).toMatch(/^accepted_values_stg_people_id/);
    },
    TIMEOUT,
  );

  it(
    'sees a macro folder created after it started, and rebuilds the models a macro change reaches',
    async () => {
      const w = await startWatch(['--no-preview']);
      const added = await w.nextRebuild(() => {
        writeFile(dir, 'macros/shout.sql', '{% macro shout(col) %}upper({{ col }}){% endmacro %}\n');
        writeFile(dir, 'models/mart_names.sql', "select {{ shout('name') }} as name from {{ ref('stg_people') }}\n");
      });
      expect(builtNames(added)).toEqual(['mart_names']);
      const macro = await w.nextRebuild(() => writeFile(dir, 'macros/shout.sql', '{% macro shout(col) %}lower({{ col }}){% endmacro %}\n'));
      expect(macro).toContain('changed: macros/shout.sql');
      expect(builtNames(macro)).toEqual(['mart_names']);
    },
    TIMEOUT,
  );

  it(
    'reloads the project when project.yml changes and rebuilds what its vars reach',
    async () => {
      const w = await startWatch();
      const config = await w.nextRebuild(() => writeFile(dir, 'project.yml', 'name: test\nprofile: test\nvars:\n  year: 2031\n'));
      expect(config).toContain('changed: project.yml');
      expect(builtNames(config)).toEqual(['mart_count', 'not_null_mart_count_n']);
      // Saved twice (atomically, as many editors do): the single-file watch survives the rename.
      const again = await w.nextRebuild(() => {
        writeFile(dir, 'project.yml.tmp', 'name: test\nprofile: test\nvars:\n  year: 2032\n');
        fs.renameSync(path.join(dir, 'project.yml.tmp'), path.join(dir, 'project.yml'));
      });
      expect(builtNames(again)).toEqual(['mart_count', 'not_null_mart_count_n']);
    },
    TIMEOUT,
  );

  it(
    'shows template and SQL errors with file and line, keeps watching, and reports the fix',
    async () => {
      const w = await startWatch(['--no-preview']);
      const jinja = await w.nextRebuild(() => writeFile(dir, 'models/mart_names.sql', "select name\nfrom {{ ref('stg_people' }}\n"));
      expect(jinja).toMatch(/models\/mart_names\.sql:2(:\d+)?: error:/);
      expect(jinja).toContain('nothing was run');

      const unknownRef = await w.nextRebuild(() => writeFile(dir, 'models/mart_names.sql', "select name\nfrom {{ ref('stg_peeple') }}\n"));
      expect(unknownRef).toMatch(/models\/mart_names\.sql:2: error: .*'stg_peeple' which was not found/);
      expect(unknownRef).toContain("did you mean 'stg_people'");

      const sql = await w.nextRebuild(() => writeFile(dir, 'models/mart_names.sql', "select name,\n  nme_typo\nfrom {{ ref('stg_people') }}\n"));
      expect(sql).toContain('fixed: models/mart_names.sql');
      expect(sql).toMatch(/ERROR\s+view\s+mart_names/);
      expect(sql).toMatch(/models\/mart_names\.sql:2: Binder Error/);

      const fixed = await w.nextRebuild(() => writeFile(dir, 'models/mart_names.sql', "select name\nfrom {{ ref('stg_people') }}\n"));
      expect(fixed).toMatch(/OK\s+view\s+mart_names/);
      expect(fixed).toContain('fixed: mart_names');
      expect(fixed).not.toContain('stg_people: ');
      expect(w.child.exitCode).toBeNull();
    },
    TIMEOUT,
  );

  it(
    'turns five rapid saves into one rebuild and ignores editor temp files',
    async () => {
      const w = await startWatch();
      const from = w.stdout.length;
      for (let i = 0; i < 5; i++) writeFile(dir, 'models/mart_names.sql', `select name, ${i} as v from {{ ref('stg_people') }}\n`);
      await w.waitFor((t) => /watching for changes/.test(t), from);
      await sleep(1500);
      const burst = w.stdout.slice(from);
      expect(count(burst, 'changed:')).toBe(1);
      expect(builtNames(burst)).toEqual(['mart_names']);
      expect(burst).toMatch(/v\s*\n.*\n.*\|\s+4/);

      // Temp files an editor writes next to the file, and files in target/, start no rebuild.
      const quiet = w.stdout.length;
      writeFile(dir, 'models/.mart_names.sql.swp', 'x');
      writeFile(dir, 'models/4913', 'x');
      writeFile(dir, 'models/mart_names.sql~', 'x');
      writeFile(dir, 'target/scratch.sql', 'x');
      await sleep(1500);
      expect(w.stdout.slice(quiet)).not.toContain('changed:');

      // An atomic save (write a temp file, rename it over the model) is one rebuild of that model.
      const atomic = await w.nextRebuild(() => {
        writeFile(dir, 'models/.mart_names.sql.tmp123', "select name, 'atomic' as v from {{ ref('stg_people') }}\n");
        fs.renameSync(path.join(dir, 'models/.mart_names.sql.tmp123'), path.join(dir, 'models/mart_names.sql'));
      });
      expect(atomic).toContain('changed: models/mart_names.sql');
      expect(builtNames(atomic)).toEqual(['mart_names']);
      expect(atomic).toContain('atomic');
    },
    TIMEOUT,
  );

  it(
    'holds the database: a second plan gets the lock message; Ctrl-C exits 0 and releases it',
    async () => {
      const w = await startWatch();
      const other = await runPlanAsync(['build'], { cwd: dir });
      expect(other.code).toBe(2);
      expect(other.stderr).toMatch(/in use by another process/);
      expect(w.child.exitCode).toBeNull();

      const code = await w.stop('SIGINT');
      expect(code).toBe(0);
      expect(w.stdout).toContain('stopping');
      const after = runPlan(['build'], { cwd: dir });
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
    },
    TIMEOUT,
  );
});
