import type { Engine, EngineConnection } from '../engine/types.js';
import type { Manifest } from '../manifest/types.js';
import type { NodeCompiler } from '../render/node-compiler.js';
import type { Reporter } from '../report/events.js';
import type { TargetConfig } from '../config/types.js';

export interface RunFlags {
  readonly threads: number;
  readonly failFast: boolean;
  readonly fullRefresh: boolean;
  /** Failing rows shown per test. */
  readonly previewRows: number;
  readonly storeFailures: boolean;
  readonly warnError: boolean;
}

/** Everything a node executor needs; one per invocation (and per rebuild in watch). */
export interface RunContext {
  readonly manifest: Manifest;
  readonly compiler: NodeCompiler;
  readonly engine: Engine;
  readonly target: TargetConfig;
  /** The project's folder (relative file paths of external models resolve against it). */
  readonly projectDir: string;
  readonly reporter: Reporter;
  readonly flags: RunFlags;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly invocationId: string;
  /** A separate in-memory database for unit tests, opened on first use. */
  readonly unitTestEngine: () => Promise<Engine>;
}

/** The outcome an executor reports before timing is added. */
export interface ExecutorOutcome {
  readonly status: 'success' | 'error' | 'warn' | 'pass' | 'fail';
  readonly message: string;
  readonly rowsAffected?: number | null;
  readonly failures?: number;
  readonly preview?: readonly Readonly<Record<string, unknown>>[];
  readonly compiledSql?: string;
  readonly file?: string;
  readonly line?: number;
  readonly hint?: string;
  readonly detail?: string;
}

export type NodeExecutor<N> = (node: N, conn: EngineConnection, ctx: RunContext) => Promise<ExecutorOutcome>;
