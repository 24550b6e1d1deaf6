// `{% docs name %}...{% enddocs %}` blocks of a dbt .md file, found by a linear scan.
import { RenderError } from '../../errors/plan-error.js';

export interface DocBlock {
  name: string;
  contents: string;
  line: number;
}

const OPEN = /\{%-?\s*docs\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}/g;
const CLOSE = /\{%-?\s*enddocs\s*-?%\}/g;

function lineAt(source: string, offset: number, from: { offset: number; line: number }): number {
  let line = from.line;
  for (let i = from.offset; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  from.offset = offset;
  from.line = line;
  return line;
}

export function parseDocBlocks(source: string, file: string): { name: string; contents: string; line: number }[] {
  const blocks: DocBlock[] = [];
  const cursor = { offset: 0, line: 1 };
  OPEN.lastIndex = 0;
  let open: RegExpExecArray | null;
  while ((open = OPEN.exec(source)) !== null) {
    const line = lineAt(source, open.index, cursor);
    CLOSE.lastIndex = OPEN.lastIndex;
    const close = CLOSE.exec(source);
    if (!close) {
      throw new RenderError('render.syntax', `docs block '${open[1]}' is never closed`, {
        file,
        line,
        hint: 'End it with {% enddocs %}.',
      });
    }
    blocks.push({ name: open[1]!, contents: source.slice(OPEN.lastIndex, close.index).trim(), line });
    OPEN.lastIndex = CLOSE.lastIndex;
  }
  return blocks;
}
