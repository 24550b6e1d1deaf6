import { openEngine } from '../../engine/index.js';
import { errorDiagnostic } from '../../errors/diagnostic.js';
import { DiagnosticsError } from '../../errors/plan-error.js';
import { prepareForCommand } from '../prepare-for-command.js';
import { stripTrailingSemicolon } from '../../render/index.js';
import type { IntrospectionState } from '../../render/introspection.js';
import { formatRowsTable } from '../../report/table.js';
import { parseSelectors, selectNodes } from '../../select/index.js';
import type { ProjectOptions } from '../common-options.js';
import { writeLine, type CliIO } from '../io.js';
import { engineOptionsOf } from '../../pipeline/engine-options.js';

export interface ShowOptions extends ProjectOptions {
  readonly select?: string[];
  readonly inline?: string;
  readonly limit: number;
  readonly output?: 'table' | 'json';
}

/** plan show --select m | --inline "SQL": run the compiled query (not the stored relation) and print rows. */
export async function showCommand(options: ShowOptions, io: CliIO): Promise<number> {
  if ((options.select === undefined) === (options.inline === undefined)) {
    throw new DiagnosticsError([errorDiagnostic('cli.show', 'plan show needs exactly one of --select <model> or --inline "<sql>"')]);
  }
  const prepared = prepareForCommand(options, io, 'show');
  const { manifest, compiler } = prepared.rendered;

  let compile: (introspection: IntrospectionState) => string;
  let label: string;
  let file = '<inline>';
  if (options.inline !== undefined) {
    const inline = options.inline;
    compile = (introspection) => compiler.compileText(inline, '<inline>', 'inline', introspection);
    label = 'inline query';
  } else {
    const selected = [...selectNodes(manifest, prepared.dag, parseSelectors(options.select, undefined), { indirectSelection: 'empty' })]
      .map((id) => manifest.nodes.get(id))
      .filter((n) => n?.resourceType === 'model' || n?.resourceType === 'seed' || n?.resourceType === 'snapshot' || n?.resourceType === 'test');
    if (selected.length !== 1) {
      throw new DiagnosticsError([
        errorDiagnostic('cli.show', `--select ${options.select!.join(' ')} matched ${selected.length} models; plan show previews exactly one`, {
          hint: selected.length > 1 ? `matched: ${selected.map((n) => n!.name).slice(0, 10).join(', ')}` : 'check the model name with plan ls',
        }),
      ]);
    }
    const node = selected[0]!;
    label = node.name;
    file = node.originalFilePath;
    if (node.resourceType === 'model') compile = (introspection) => compiler.compileModel(node, { introspection });
    else if (node.resourceType === 'test') compile = (introspection) => compiler.compileTest(node, { introspection });
    else compile = () => `select * from ${node.relation.schema}.${node.relation.identifier}`;
  }

  const engine = await openEngine(engineOptionsOf(prepared.target, 1, prepared.project.root));
  try {
    const result = await engine.withConnection(async (conn) => {
      const sql = await compiler.withQueries(compile, (q) => conn.query(q), file);
      return conn.query(options.limit >= 0 ? `select * from (\n${stripTrailingSemicolon(sql)}\n) limit ${options.limit}` : stripTrailingSemicolon(sql));
    });
    if (options.output === 'json') {
      io.stdout.write(`${JSON.stringify({ node: label, columns: result.columns, rows: result.rows }, null, 2)}\n`);
    } else {
      writeLine(io.stdout, `Previewing ${label}:`);
      writeLine(io.stdout, formatRowsTable(result.rows, result.columns.map((c) => c.name)));
    }
    return 0;
  } finally {
    await engine.close();
  }
}
