import type { Diagnostic } from '../errors/diagnostic.js';
import type { ColumnInfo, ModelNode, SeedNode, SnapshotNode, SourceNode } from '../manifest/types.js';
import { toDiagnostic } from './parse-nodes.js';
import type { RenderSession } from './render-session.js';
import { newFrame } from './render-state.js';

type Described = ModelNode | SeedNode | SnapshotNode | SourceNode;

/**
 * Descriptions in property files are Jinja, as in dbt: `description: '{{ doc("orders") }}'`
 * renders the docs block. Runs after the relation index (which holds the docs) is set.
 */
export function renderDescriptions<T extends Described>(session: RenderSession, node: T, diagnostics: Diagnostic[]): T {
  const file = node.resourceType === 'model' || node.resourceType === 'snapshot' ? (node.patchPath ?? node.originalFilePath) : node.originalFilePath;
  const render = (text: string): string => {
    if (!text.includes('{{') && !text.includes('{%')) return text;
    const frame = newFrame({ mode: 'compile', file, nodeName: node.name, resourceType: 'yml', rawCode: text, isIncremental: false, resolvedConfig: node.config });
    try {
      return session.renderString(text, frame);
    } catch (error) {
      diagnostics.push(toDiagnostic(error, file, node.uniqueId));
      return text;
    }
  };
  const columns: Record<string, ColumnInfo> = {};
  for (const [name, column] of Object.entries(node.columns)) columns[name] = { ...column, description: render(column.description) };
  return { ...node, description: render(node.description), columns };
}
