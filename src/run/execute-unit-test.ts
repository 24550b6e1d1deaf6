import { seedColumnTypes } from '../materialize/index.js';
import { resolveStrategy } from '../materialize/index.js';
import type { ColumnSchema, EngineConnection } from '../engine/types.js';
import { ConfigError } from '../errors/plan-error.js';
import type { ManifestNode, ModelNode, UnitTestNode } from '../manifest/types.js';
import { fixtureRelationName, fixtureSql, parseGivenInput, runUnitTest, type UnitTestFixture } from '../unit-tests/index.js';
import { errorOutcome } from './error-outcome.js';
import type { ExecutorOutcome, RunContext } from './run-context.js';

/**
 * dbt 1.8 unit tests: the model is compiled with every ref()/source() (and `this`) pointing at a
 * fixture table and run in a separate in-memory DuckDB, so nothing else is built. Fixture columns
 * take their types from the real upstream relation when it exists, else from declared columns.
 */
export async function executeUnitTest(node: UnitTestNode, conn: EngineConnection, ctx: RunContext): Promise<ExecutorOutcome> {
  const model = ctx.manifest.nodes.get(node.model) as ModelNode | undefined;
  const file = node.originalFilePath;
  if (!model) return { status: 'error', message: `unit test '${node.name}' tests a model that does not exist`, file };
  const def = node.definition;
  let modelSql: string | undefined;
  try {
    const overrides = new Map<string, string>();
    const fixtures: UnitTestFixture[] = [];
    let thisFixture: string | undefined;
    for (const given of def.given) {
      const input = parseGivenInput(given.input);
      if (!input) throw new ConfigError('unit_test.bad_input', `unit test '${node.name}': given input '${given.input}' is not ref('...'), source('...', '...') or this`, { file, line: def.location.line });
      const name = fixtureRelationName(def.name, input);
      const columns = await upstreamColumns(ctx, conn, input, model);
      fixtures.push({ name, sql: fixtureSql(given, columns, { label: `given ${given.input}`, file, line: def.location.line, node: node.uniqueId }) });
      if (input.kind === 'this') thisFixture = name;
      else overrides.set(input.kind === 'ref' ? `ref:${input.name}` : `source:${input.source}.${input.table}`, name);
    }
    checkEveryInputGiven(node, model, overrides);
    if (thisFixture) overrides.set('this', thisFixture);

    const forcedIncremental = def.overrides.macros.is_incremental;
    const isIncremental = forcedIncremental === undefined ? thisFixture !== undefined : Boolean(forcedIncremental);
    modelSql = withEnvOverrides(def.overrides.env_vars, () =>
      ctx.compiler.compileModel(model, { isIncremental, relationOverrides: overrides, varOverrides: def.overrides.vars }),
    );
    const memory = await ctx.unitTestEngine();
    const result = await memory.withConnection((mem) =>
      runUnitTest(mem, {
        name: def.name,
        modelSql: modelSql!,
        expect: def.expect,
        fixtures,
        incremental:
          isIncremental && thisFixture
            ? { thisRelation: thisFixture, strategy: resolveStrategy(model), uniqueKey: model.config.unique_key, partitionBy: model.config.partition_by, onSchemaChange: model.config.on_schema_change }
            : undefined,
        context: { label: 'expect', file, line: def.location.line, node: node.uniqueId },
      }),
    );
    return {
      status: result.status === 'pass' ? 'pass' : result.status,
      message: result.message,
      compiledSql: modelSql,
      file: result.status === 'pass' ? undefined : file,
      line: result.status === 'pass' ? undefined : def.location.line,
      // The diff's first line repeats the verdict; prefixing it with file:line says where the test is.
      detail: result.diff ? `${file}:${def.location.line}: ${result.diff}` : undefined,
    };
  } catch (error) {
    return errorOutcome(error, { file, rawCode: model.rawCode, compiledSql: modelSql });
  }
}

/** Column names and types a fixture for `input` should have. */
async function upstreamColumns(ctx: RunContext, conn: EngineConnection, input: ReturnType<typeof parseGivenInput>, model: ModelNode): Promise<readonly ColumnSchema[]> {
  let node: ManifestNode | undefined;
  if (input?.kind === 'this') node = model;
  else if (input?.kind === 'ref') node = [...ctx.manifest.nodes.values()].find((n) => (n.resourceType === 'model' || n.resourceType === 'seed') && n.name === input.name);
  else if (input?.kind === 'source') node = [...ctx.manifest.nodes.values()].find((n) => n.resourceType === 'source' && n.sourceName === input.source && n.name === input.table);
  if (!node || !('relation' in node) || !node.relation) return [];
  const existing = await conn.describeRelation(node.relation.database, node.relation.schema, node.relation.identifier);
  if (existing.length > 0) return existing;
  if (node.resourceType === 'seed') return seedColumnTypes(conn, node);
  const declared = Object.values(node.columns);
  return declared.every((c) => c.data_type) && declared.length > 0 ? declared.map((c) => ({ name: c.name, type: c.data_type! })) : [];
}

function checkEveryInputGiven(node: UnitTestNode, model: ModelNode, overrides: ReadonlyMap<string, string>): void {
  const missing = [
    ...model.refs.filter((r) => !overrides.has(`ref:${r.name}`)).map((r) => `ref('${r.name}')`),
    ...model.sources.filter((s) => !overrides.has(`source:${s.source}.${s.table}`)).map((s) => `source('${s.source}', '${s.table}')`),
  ];
  if (missing.length > 0) {
    throw new ConfigError('unit_test.missing_input', `unit test '${node.name}' gives no rows for ${[...new Set(missing)].join(', ')}, which model '${model.name}' reads`, {
      file: node.originalFilePath,
      line: node.definition.location.line,
      hint: `add \`- input: ${missing[0]}\` with \`rows: []\` (or the rows it should read) under given:`,
    });
  }
}

function withEnvOverrides<T>(envVars: Readonly<Record<string, unknown>>, fn: () => T): T {
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(envVars)) {
    saved.set(k, process.env[k]);
    process.env[k] = String(v);
  }
  try {
    return fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
