import type { NodeConfig } from '../config/types.js';
import type { PriorRead, RefCall, Relation, SourceCall } from '../manifest/types.js';

/**
 * What the globals (ref, config, this...) need to know about the node being rendered. Rendering is
 * synchronous and one node at a time, so a single mutable slot per session is enough; macros see
 * the same slot, which is why `this` and friends are dynamic globals rather than context values.
 */
export interface RenderFrame {
  /** 'parse' records refs/config and returns placeholders; 'compile' resolves real relations. */
  readonly mode: 'parse' | 'compile';
  readonly file: string;
  readonly nodeName: string;
  readonly resourceType: 'model' | 'seed' | 'test' | 'unit_test' | 'yml' | 'hook' | 'inline';
  readonly rawCode: string;
  /** The relation `this` points at, when known. */
  readonly thisRelation?: Relation;
  readonly isIncremental: boolean;
  /** Overrides of ref/source targets (unit tests): 'ref:name' or 'source:src.table' -> SQL text. */
  readonly relationOverrides?: ReadonlyMap<string, string>;
  readonly varOverrides?: Readonly<Record<string, unknown>>;
  readonly config: Record<string, unknown>;
  readonly refs: RefCall[];
  readonly sources: SourceCall[];
  readonly priorReads: PriorRead[];
  readonly macrosUsed: Set<string>;
  /** The config the node will run with, for `config.get()` at compile time. */
  readonly resolvedConfig?: NodeConfig;
  /** Ephemeral models referenced while compiling (unique ids), for CTE injection. */
  readonly ephemeralRefs: string[];
}

export function newFrame(init: Omit<RenderFrame, 'config' | 'refs' | 'sources' | 'priorReads' | 'macrosUsed' | 'ephemeralRefs'>): RenderFrame {
  return { ...init, config: {}, refs: [], sources: [], priorReads: [], macrosUsed: new Set(), ephemeralRefs: [] };
}

/** 1-based line of the first match of `pattern` in `code`, used to point at a ref()/source() call. */
export function lineOfCall(code: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(code);
  if (!match) return undefined;
  let line = 1;
  for (let i = 0; i < match.index; i++) if (code.charCodeAt(i) === 10) line++;
  return line;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
