import type { TargetConfig } from '../config/types.js';
import { closestNames } from '../config/closest-name.js';
import { GraphError, RenderError } from '../errors/plan-error.js';
import type { JinjaEnvironment } from './jinja/index.js';
import { splitArgs } from './jinja/index.js';
import { NamedRelation, RelationObject, sqlLiteral } from './relation-object.js';
import { ephemeralCteName, type RelationIndex } from './relation-index.js';
import { escapeRegExp, lineOfCall, lineOfRef, type RenderFrame } from './render-state.js';
import { PyUtcDateTime } from './python-datetime.js';
import { emitLog, installIntrospectionGlobals } from './introspection-globals.js';
import { CROSS_DATABASE_MACROS } from './cross-database-macros.js';
import { dbtContextGlobals } from './dbt-context.js';

export interface GlobalsHost {
  readonly projectName: string;
  readonly target: TargetConfig;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly invocationId: string;
  readonly runStartedAt: Date;
  readonly flags: Readonly<Record<string, unknown>>;
  log(message: string): void;
  frame(): RenderFrame;
  index(): RelationIndex;
  /** dbt's `graph` variable (nodes and sources by unique_id). */
  graph(): Record<string, unknown>;
}

const EMPTY_GRAPH = { nodes: {}, sources: {}, exposures: {}, metrics: {}, groups: {}, semantic_models: {}, saved_queries: {} };

/** Installs dbt's template globals (ref, source, var, config, this, ...) on a Jinja environment. */
export function installGlobals(env: JinjaEnvironment, host: GlobalsHost): void {
  const where = (): { file: string; node: string } => ({ file: host.frame().file, node: host.frame().nodeName });

  const ref = (...raw: unknown[]): unknown => resolveRef(host, splitArgs(raw).positional.map(String));
  const source = (...raw: unknown[]): unknown => {
    const args = splitArgs(raw).positional.map(String);
    if (args.length !== 2) {
      throw new RenderError('render.source_arguments', `${describe(host.frame())}: source() takes 2 arguments (source name, table name), got ${args.length}`, {
        ...where(),
        hint: "write source('<source name>', '<table name>'), with the names of a sources: entry in a property file",
      });
    }
    return resolveSource(host, args[0], args[1]);
  };
  env.addGlobal('ref', ref);
  env.addGlobal('source', source);
  env.addGlobal('prior', (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    return resolvePrior(host, String(positional[0]), kwargs);
  });
  env.addGlobal('var', (...raw: unknown[]) => {
    const { positional } = splitArgs(raw);
    const name = String(positional[0]);
    const frame = host.frame();
    const vars = frame.varOverrides ? { ...host.vars, ...frame.varOverrides } : host.vars;
    if (Object.hasOwn(vars, name)) return vars[name];
    if (positional.length > 1) return positional[1];
    const site = callSite(env, frame, new RegExp(`var\\(\\s*['"]${escapeRegExp(name)}['"]`));
    throw new RenderError(
      'render.missing_var',
      `${describe(frame)} uses var '${name}'${site.macro ? ` in macro '${site.macro}'` : ''}, which is not set and has no default`,
      { ...site.where, node: frame.nodeName, hint: `pass it with --vars '${name}: <value>' or add it under vars: in the project file` },
    );
  });
  env.addGlobal('env_var', (...raw: unknown[]) => {
    const { positional } = splitArgs(raw);
    const name = String(positional[0]);
    const value = process.env[name];
    if (value !== undefined) return value;
    if (positional.length > 1) return positional[1];
    const site = callSite(env, host.frame(), new RegExp(`env_var\\(\\s*['"]${escapeRegExp(name)}['"]`));
    throw new RenderError('render.missing_env_var', `${describe(host.frame())} uses env_var('${name}')${site.macro ? ` in macro '${site.macro}'` : ''}, which is not set and has no default`, {
      ...site.where,
      node: host.frame().nodeName,
      hint: `set the environment variable ${name} or give a default: env_var('${name}', 'value')`,
    });
  });
  const config = makeConfigFunction(host);
  env.addGlobal('config', config);
  // dbt's originals, for projects whose own ref / source / config macros wrap them.
  env.addGlobal('builtins', { ref, source, config });
  // Config first, then the command's flag, as dbt's macros of the same names.
  const configured = (key: string): unknown => {
    const frame = host.frame();
    return (frame.resolvedConfig as Record<string, unknown> | undefined)?.[key] ?? (frame.config as Record<string, unknown>)[key];
  };
  env.addGlobal('should_full_refresh', () => Boolean(configured('full_refresh') ?? host.flags.FULL_REFRESH ?? false));
  env.addGlobal('should_store_failures', () => Boolean(configured('store_failures') ?? host.flags.STORE_FAILURES ?? false));
  env.addDynamicGlobal('this', () => {
    const override = host.frame().relationOverrides?.get('this');
    if (override !== undefined) return new NamedRelation(override);
    const rel = host.frame().thisRelation;
    return rel ? new RelationObject(rel) : undefined;
  });
  env.addGlobal('is_incremental', () => host.frame().isIncremental);
  env.addDynamicGlobal('execute', () => host.frame().mode === 'compile');
  // dbt's on-run-end context (empty anywhere else).
  env.addDynamicGlobal('results', () => host.frame().runEnd?.results ?? []);
  env.addDynamicGlobal('schemas', () => host.frame().runEnd?.schemas ?? []);
  env.addDynamicGlobal('database_schemas', () => host.frame().runEnd?.database_schemas ?? []);
  // While parsing, as in dbt, templates cannot rely on the graph: it is empty until nodes run.
  env.addDynamicGlobal('graph', () => (host.frame().mode === 'compile' ? host.graph() : EMPTY_GRAPH));
  env.addDynamicGlobal('model', () => {
    const f = host.frame();
    return { name: f.nodeName, resource_type: f.resourceType, original_file_path: f.file, config: f.resolvedConfig ?? f.config };
  });
  env.addGlobal('target', {
    name: host.target.targetName,
    profile_name: host.target.profileName,
    schema: host.target.schema,
    database: host.target.database,
    type: 'duckdb',
    threads: host.target.threads,
    path: host.target.path,
  });
  env.addGlobal('project_name', host.projectName);
  env.addGlobal('invocation_id', host.invocationId);
  env.addGlobal('run_started_at', new PyUtcDateTime(host.runStartedAt.getTime()));
  env.addGlobal('flags', host.flags);
  env.addGlobal('log', (...raw: unknown[]) => {
    const { positional, kwargs } = splitArgs(raw);
    if (host.frame().mode === 'compile' && (positional[1] ?? kwargs.info)) emitLog(host, String(positional[0]));
    return '';
  });
  env.addGlobal('print', (...raw: unknown[]) => {
    emitLog(host, String(splitArgs(raw).positional[0]));
    return '';
  });
  env.addGlobal('exceptions', {
    raise_compiler_error: (message: unknown) => {
      throw new RenderError('render.compiler_error', `${describe(host.frame())}: ${String(message)}`, where());
    },
    warn: (message: unknown) => {
      host.log(`warning: ${describe(host.frame())}: ${String(message)}`);
      return '';
    },
  });
  const adapter: Record<string, unknown> = {
    type: () => 'duckdb',
    quote: (identifier: unknown) => `"${String(identifier).replaceAll('"', '""')}"`,
    dispatch: (...raw: unknown[]) => {
      const name = String(splitArgs(raw).positional[0]);
      for (const candidate of [`duckdb__${name}`, `default__${name}`, name]) {
        const macro = env.getMacro(candidate);
        if (macro) return macro;
      }
      if (Object.hasOwn(CROSS_DATABASE_MACROS, name)) return CROSS_DATABASE_MACROS[name];
      throw new RenderError('render.dispatch', `adapter.dispatch('${name}') found no macro named duckdb__${name}, default__${name} or ${name}`, where());
    },
  };
  installIntrospectionGlobals(env, host, adapter);
  env.addGlobal('adapter', adapter);
  // Installed before the project's macros, which therefore win for unqualified names (not for dbt.x).
  for (const [name, fn] of Object.entries(CROSS_DATABASE_MACROS)) env.addGlobal(name, fn);
  env.addGlobal('dbt', { ...CROSS_DATABASE_MACROS });
  const raise = (message: string): never => {
    throw new RenderError('render.compiler_error', `${describe(host.frame())}: ${message}`, where());
  };
  const defaults = { database: host.target.database, schema: host.target.schema, identifier: '' };
  for (const [name, value] of Object.entries(dbtContextGlobals(defaults, raise))) env.addGlobal(name, value);
  env.addGlobal('get_where_subquery', (relation: unknown) => {
    const where = host.frame().resolvedConfig?.where;
    return where ? `(select * from ${String(relation)} where ${where}) dbt_subquery` : relation;
  });
  env.addGlobal('doc', (name: unknown) => {
    const text = host.index().doc(String(name));
    if (text === undefined && host.frame().mode === 'compile') {
      throw new RenderError('render.unknown_doc', `doc('${String(name)}') refers to a docs block that does not exist`, {
        ...where(),
        hint: 'define it in a .md file under the model paths: {% docs name %}...{% enddocs %}',
      });
    }
    return text ?? '';
  });
}

function describe(frame: RenderFrame): string {
  if (frame.resourceType === 'inline') return frame.nodeName === 'inline' ? `inline SQL (${frame.file})` : `${frame.nodeName} hook (${frame.file})`;
  return `${frame.resourceType === 'yml' ? 'property' : frame.resourceType} '${frame.nodeName}' (${frame.file})`;
}

function resolveRef(host: GlobalsHost, args: string[]): unknown {
  const frame = host.frame();
  const [pkg, name] = args.length >= 2 ? [args[0], args[1]] : [undefined, args[0]];
  if (frame.mode === 'parse') {
    frame.refs.push({ name, package: pkg, line: lineOfRef(frame.rawCode, name) });
    return new RelationObject({ database: host.target.database, schema: host.target.schema, identifier: name });
  }
  const override = frame.relationOverrides?.get(`ref:${name}`);
  if (override !== undefined) return new NamedRelation(override);
  const target = host.index().ref(name, pkg);
  if (!target) {
    const close = closestNames(name, host.index().refNames());
    throw new GraphError('graph.unknown_ref', `${describe(frame)} depends on a node named '${name}' which was not found`, {
      file: frame.file,
      node: frame.nodeName,
      line: lineOfRef(frame.rawCode, name),
      hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : 'check the model name or add the model',
    });
  }
  if (target.ephemeral) {
    if (!frame.ephemeralRefs.includes(target.uniqueId)) frame.ephemeralRefs.push(target.uniqueId);
    return new NamedRelation(ephemeralCteName(target.relation.identifier));
  }
  return new RelationObject(target.relation, undefined, limitOf(host));
}

/** --empty (dbt 1.8): refs and sources read no rows, so models build with their columns and types only. */
function limitOf(host: GlobalsHost): number | null {
  return host.flags.EMPTY === true ? 0 : null;
}

function resolveSource(host: GlobalsHost, sourceName: string, table: string): unknown {
  const frame = host.frame();
  if (frame.mode === 'parse') {
    const line = lineOfCall(frame.rawCode, new RegExp(`source\\(\\s*['"]${escapeRegExp(sourceName)}['"]\\s*,\\s*['"]${escapeRegExp(table)}['"]`));
    frame.sources.push({ source: sourceName, table, line });
    return new RelationObject({ database: host.target.database, schema: sourceName, identifier: table });
  }
  const override = frame.relationOverrides?.get(`source:${sourceName}.${table}`);
  if (override !== undefined) return new NamedRelation(override);
  const target = host.index().source(sourceName, table);
  if (!target) {
    const close = closestNames(`${sourceName}.${table}`, host.index().sourceNames());
    throw new GraphError('graph.unknown_source', `${describe(frame)} depends on a source named '${sourceName}.${table}' which was not found`, {
      file: frame.file,
      node: frame.nodeName,
      hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : 'declare it under sources: in a property file',
    });
  }
  if (target.externalLocation !== undefined) return new NamedRelation(target.externalLocation);
  return new RelationObject(target.relation, undefined, limitOf(host));
}

/**
 * Where a global was called: in the innermost macro file running (its line found from the macro's
 * definition on), else in the node's own file.
 */
function callSite(env: JinjaEnvironment, frame: RenderFrame, pattern: RegExp): { where: { file: string; line?: number }; macro?: string } {
  const macro = env.currentMacro();
  if (!macro) return { where: { file: frame.file, line: lineOfCall(frame.rawCode, pattern) } };
  const before = macro.line > 1 ? macro.source.split('\n').slice(0, macro.line - 1).join('\n').length + 1 : 0;
  const inBody = lineOfCall(macro.source.slice(before), pattern);
  return { where: { file: macro.file, ...(inBody !== undefined ? { line: macro.line + inBody - 1 } : {}) }, macro: macro.name };
}

function resolvePrior(host: GlobalsHost, name: string, kwargs: Record<string, unknown>): string {
  const frame = host.frame();
  const filters: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === '__keywords') continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new RenderError('render.prior_filter', `prior('${name}', ${key}=...) needs a string, number or boolean value`, { file: frame.file, node: frame.nodeName });
    }
    filters[key] = value;
  }
  const line = lineOfCall(frame.rawCode, new RegExp(`prior\\(\\s*['"]${escapeRegExp(name)}['"]`));
  frame.priorReads.push({ name, filters, line });
  if (frame.mode === 'parse') return `(select * from ${quoteName(name)})`;
  const target = host.index().ref(name);
  if (!target) {
    const close = closestNames(name, host.index().refNames());
    throw new GraphError('graph.unknown_ref', `${describe(frame)} reads prior('${name}'), but no model of that name exists`, {
      file: frame.file,
      node: frame.nodeName,
      line,
      hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : undefined,
    });
  }
  const conditions = Object.entries(filters).map(([k, v]) => `${quoteName(k)} = ${sqlLiteral(v)}`);
  const whereClause = conditions.length ? ` where ${conditions.join(' and ')}` : '';
  return `(select * from ${new RelationObject(target.relation).toString()}${whereClause})`;
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function makeConfigFunction(host: GlobalsHost): unknown {
  const config = (...raw: unknown[]): string => {
    const frame = host.frame();
    if (frame.mode !== 'parse') return '';
    const { positional, kwargs } = splitArgs(raw);
    const fromDict = positional[0] && typeof positional[0] === 'object' ? (positional[0] as Record<string, unknown>) : {};
    for (const [key, value] of Object.entries({ ...fromDict, ...kwargs })) {
      if (key === '__keywords') continue;
      frame.config[key.replaceAll('-', '_')] = value;
    }
    return '';
  };
  const lookup = (key: string): unknown => {
    const frame = host.frame();
    const resolved = frame.resolvedConfig as Record<string, unknown> | undefined;
    return resolved?.[key] ?? frame.config[key];
  };
  return Object.assign(config, {
    get: (key: unknown, fallback?: unknown) => lookup(String(key)) ?? fallback ?? null,
    require: (key: unknown) => {
      const value = lookup(String(key));
      if (value === undefined) throw new RenderError('render.config_required', `config '${String(key)}' is required`, { file: host.frame().file });
      return value;
    },
    set: () => '',
  });
}
