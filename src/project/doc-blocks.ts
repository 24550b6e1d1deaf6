import type { Diagnostic } from '../errors/diagnostic.js';
import { errorDiagnostic } from '../errors/diagnostic.js';
import type { DocBlock } from './types.js';

const BLOCK = /\{%-?\s*docs\s+([A-Za-z_][\w]*)\s*-?%\}([\s\S]*?)\{%-?\s*enddocs\s*-?%\}/g;
const OPEN = /\{%-?\s*docs\b([^%]*)-?%\}/g;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** `{% docs name %}...{% enddocs %}` blocks of one .md file; contents trimmed, line 1-based. */
export function parseDocBlocks(text: string, file: string): { readonly blocks: DocBlock[]; readonly diagnostics: Diagnostic[] } {
  const blocks: DocBlock[] = [];
  const diagnostics: Diagnostic[] = [];
  const matched = new Set<number>();
  for (const m of text.matchAll(BLOCK)) {
    matched.add(m.index);
    blocks.push({ name: m[1], contents: m[2].trim(), file, line: lineAt(text, m.index) });
  }
  for (const m of text.matchAll(OPEN)) {
    if (matched.has(m.index)) continue;
    const name = m[1].trim().replace(/-$/, '').trim();
    const problem = /^[A-Za-z_]\w*$/.test(name) ? `docs block '${name}' has no {% enddocs %}` : `docs block name '${name}' is not a valid name`;
    diagnostics.push(errorDiagnostic('docs.invalid_block', problem, { file, line: lineAt(text, m.index), hint: 'write {% docs my_name %} ... {% enddocs %}' }));
  }
  return { blocks, diagnostics };
}
