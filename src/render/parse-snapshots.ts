import path from 'node:path';
import { mergeNodeConfig, resolveFolderConfig } from '../config/index.js';
import type { NodeConfig, TargetConfig } from '../config/types.js';
import { errorDiagnostic, warningDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import type { Relation, SnapshotNode } from '../manifest/types.js';
import type { LoadedProject, SnapshotProperties, SourceFile } from '../project/types.js';
import { checksumOf, columnsOf, fqnOf, namedNode, sqlFileNodeFields, toDiagnostic } from './parse-nodes.js';
import { relationFor, type NamedNode } from './relation-naming.js';
import { renderConfigLayers } from './render-config.js';
import type { RenderSession } from './render-session.js';
import { newFrame } from './render-state.js';

/** One `{% snapshot name %} ... {% endsnapshot %}` block; `body` keeps the file's line numbers. */
export interface SnapshotBlock {
  readonly name: string;
  readonly line: number;
  readonly body: string;
}

const BLOCK = /\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/g;

export function snapshotBlocks(text: string): SnapshotBlock[] {
  const blocks: SnapshotBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const bodyStart = match.index + match[0].indexOf('%}') + 2;
    const linesBefore = text.slice(0, bodyStart).split('\n').length - 1;
    // Padded with the newlines before it, so an error in the body names the file's own line.
    blocks.push({ name: match[1], line: text.slice(0, match.index).split('\n').length, body: '\n'.repeat(linesBefore) + match[2] });
  }
  return blocks;
}

/**
 * Snapshot nodes: each `{% snapshot %}` block of the files under snapshot-paths, and each yml
 * `snapshots:` entry with `relation:` (dbt 1.9), rendered once in parse mode. Config comes from
 * project.yml's `snapshots:` tree, the yml entry and the block's config() call, in that order.
 */
export function parseSnapshots(session: RenderSession, project: LoadedProject, target: TargetConfig, diagnostics: Diagnostic[], disabled: Set<string>): SnapshotNode[] {
  const props = new Map<string, SnapshotProperties>();
  for (const file of project.propertyFiles) for (const entry of file.snapshots) props.set(entry.name, entry);
  const nodes: SnapshotNode[] = [];
  const add = (file: SourceFile, name: string, body: string, line: number, fromYml: SnapshotProperties | undefined): void => {
    const projectName = project.config.name;
    const uniqueId = `snapshot.${projectName}.${name}`;
    const frame = newFrame({ mode: 'parse', file: file.path, nodeName: name, resourceType: 'snapshot', rawCode: body, isIncremental: false });
    try {
      session.renderString(body, frame);
    } catch (error) {
      diagnostics.push(toDiagnostic(error, file.path, uniqueId));
      return;
    }
    const fqn = fromYml ? [projectName, name] : fqnOf(projectName, file, name);
    const entry = props.get(name);
    const config = mergeNodeConfig('snapshot', [
      ...renderConfigLayers(session, [resolveFolderConfig(project.config.snapshots, projectName, fqn.slice(1)), entry?.config ?? {}], entry?.location.file ?? project.config.configFile, name, diagnostics),
      frame.config,
    ]);
    if (!config.enabled) {
      disabled.add(name);
      return;
    }
    const problems = checkSnapshotConfig(name, config, file.path, line);
    diagnostics.push(...problems);
    if (problems.length > 0) return;
    nodes.push({
      uniqueId,
      resourceType: 'snapshot',
      ...sqlFileNodeFields(projectName, file, name, fqn, config, frame),
      rawCode: body,
      checksum: fromYml ? checksumOf(body) : file.checksum,
      description: entry?.description ?? '',
      columns: columnsOf(entry?.columns ?? []),
      relation: snapshotRelation(session, target, namedNode('snapshot', projectName, file, name, fqn), config),
      patchPath: entry?.location.file,
    });
  };

  for (const file of project.snapshots) {
    const blocks = snapshotBlocks(file.contents);
    if (blocks.length === 0) {
      diagnostics.push(warningDiagnostic('snapshot.no_block', `${file.path} is under the snapshot paths but holds no {% snapshot name %} ... {% endsnapshot %} block; it is ignored`, { file: file.path }));
    }
    for (const block of blocks) add(file, block.name, block.body, block.line, undefined);
  }
  for (const entry of props.values()) {
    if (entry.relation === undefined) continue;
    const file: SourceFile = { path: entry.location.file, absPath: entry.location.file, contents: '', checksum: '', rootDir: path.posix.dirname(entry.location.file) };
    add(file, entry.name, `select * from {{ ${entry.relation} }}`, entry.location.line, entry);
  }
  return nodes;
}

/** What the strategy needs, as dbt checks it: unique_key always, updated_at or check_cols by strategy. */
function checkSnapshotConfig(name: string, config: NodeConfig, file: string, line: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const problem = (message: string, hint: string): void => {
    out.push(errorDiagnostic('snapshot.config', `snapshot '${name}': ${message}`, { file, line, hint }));
  };
  const strategy = config.strategy;
  if (strategy !== 'timestamp' && strategy !== 'check') {
    problem(strategy === undefined ? 'no strategy is configured' : `unknown strategy '${String(strategy)}'`, "set strategy='timestamp' (with updated_at) or strategy='check' (with check_cols)");
  }
  if (config.unique_key === undefined || config.unique_key === null || config.unique_key === '') {
    problem('no unique_key is configured', "set unique_key='id' (a column, an expression, or a list of columns)");
  }
  if (strategy === 'timestamp' && typeof config.updated_at !== 'string') {
    problem("the timestamp strategy needs updated_at, the column that says when a row last changed", "set updated_at='updated_at'");
  }
  if (strategy === 'check' && config.check_cols !== 'all' && !Array.isArray(config.check_cols)) {
    problem("the check strategy needs check_cols: 'all' or a list of columns", "set check_cols='all' or check_cols=['status', 'amount']");
  }
  const hardDeletes = config.hard_deletes;
  if (hardDeletes !== undefined && hardDeletes !== 'ignore' && hardDeletes !== 'invalidate' && hardDeletes !== 'new_record') {
    problem(`hard_deletes: expected ignore, invalidate or new_record, found '${String(hardDeletes)}'`, 'set hard_deletes to one of ignore, invalidate, new_record');
  }
  return out;
}

/** dbt's legacy target_schema / target_database are taken as they are; otherwise snapshots are named like models. */
function snapshotRelation(session: RenderSession, target: TargetConfig, node: NamedNode, config: NodeConfig): Relation {
  const named = relationFor(session, target, node, config);
  return {
    database: typeof config.target_database === 'string' ? config.target_database : named.database,
    schema: typeof config.target_schema === 'string' ? config.target_schema : named.schema,
    identifier: named.identifier,
  };
}
