import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { Checked, Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic } from '../errors/diagnostic.js';
import { closestNames } from '../config/closest-name.js';
import type { PropertyFile, UnitTestProperties, UnitTestRows } from './types.js';
import { listFiles, normalizeDir } from './walk-files.js';

/**
 * Fills in `fixture: name` of unit test inputs and expectations from
 * `<test-path>/fixtures/**\/name.csv` (format csv) or `name.sql` (format sql), as dbt does.
 */
export function resolveFixtures(root: string, testPaths: readonly string[], files: readonly PropertyFile[], exclude: ReadonlySet<string>): Checked<PropertyFile[]> {
  const diagnostics: Diagnostic[] = [];
  const fixtures = new Map<string, string>();
  for (const dir of testPaths.map(normalizeDir)) {
    const fixtureDir = dir === '' ? 'fixtures' : `${dir}/fixtures`;
    for (const path of listFiles(root, fixtureDir, ['.csv', '.sql'], exclude)) {
      const key = `${basename(path, extname(path))}${extname(path).toLowerCase()}`;
      if (!fixtures.has(key)) fixtures.set(key, path);
    }
  }
  const fill = (rows: UnitTestRows, test: UnitTestProperties): UnitTestRows => {
    if (rows.fixture === undefined) return rows;
    const ext = rows.format === 'sql' ? '.sql' : '.csv';
    const path = fixtures.get(`${rows.fixture}${ext}`);
    if (!path) {
      const close = closestNames(`${rows.fixture}${ext}`, fixtures.keys());
      diagnostics.push(
        errorDiagnostic('properties.missing_fixture', `unit test '${test.name}': fixture '${rows.fixture}' not found (looked for ${rows.fixture}${ext} under ${testPaths.map((p) => `${normalizeDir(p) || '.'}/fixtures/`).join(', ')})`, {
          file: test.location.file,
          line: test.location.line,
          hint: close.length > 0 ? `did you mean ${close.join(', ')}?` : `fixtures need \`format: ${rows.format === 'sql' ? 'sql' : 'csv'}\` and a file with that extension`,
        }),
      );
      return rows;
    }
    const text = readFileSync(resolve(root, path), 'utf8');
    if (rows.format === 'dict') {
      diagnostics.push(errorDiagnostic('properties.invalid_rows', `unit test '${test.name}': fixture '${rows.fixture}' needs \`format: csv\` or \`format: sql\``, { file: test.location.file, line: test.location.line }));
      return rows;
    }
    return rows.format === 'sql' ? { ...rows, sql: text } : { ...rows, csv: text };
  };
  const value = files.map((file) =>
    file.unitTests.some((t) => t.expect.fixture !== undefined || t.given.some((g) => g.fixture !== undefined))
      ? { ...file, unitTests: file.unitTests.map((t) => ({ ...t, given: t.given.map((g) => ({ ...g, ...fill(g, t) })), expect: fill(t.expect, t) })) }
      : file,
  );
  return { value, diagnostics };
}
