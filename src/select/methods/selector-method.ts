import type { ManifestNode } from '../../manifest/types.js';
import type { PreviousState } from '../state-manifest.js';

export interface MethodContext {
  /** The root project's name, for `package:this`. */
  readonly projectName: string;
  /** An earlier run's manifest.json and run_results.json (`--state`), for `state:` and `result:`. */
  readonly previous?: PreviousState;
}

/** One `method:` of the selector grammar. A new method is one file plus one registry line. */
export interface SelectorMethod {
  readonly name: string;
  /** True for methods written with dotted arguments, like `config.materialized:`. */
  readonly takesArguments?: boolean;
  /** Checks value and arguments while parsing, so bad selectors fail before anything runs. Throws SelectionError. */
  validate?(value: string, args: readonly string[], raw: string): void;
  matches(node: ManifestNode, value: string, args: readonly string[], context: MethodContext): boolean;
}
