// nunjucks' compiler with every Jinja bridge of this folder mixed in (one file per difference).
import { CompilerBase } from '../nunjucks-internals.js';
import type { AstNode } from '../nunjucks-internals.js';
import { doStatementMethods, DoNode } from './do-statement.js';
import { errorPositionMethods } from './error-positions.js';
import { forLoopMethods, IterableNode } from './for-loop.js';
import { macroDefinitionMethods } from './macro-definition.js';
import { pythonLiteralMethods } from './python-literals.js';
import { pythonOperatorMethods } from './python-operators.js';
import { pythonValueMethods } from './python-values.js';
import { setStatementMethods } from './set-statement.js';
import { SliceNode, sliceMethods } from './slices.js';

const OWN_NODES: readonly unknown[] = [DoNode, IterableNode, SliceNode];

export class JinjaCompiler extends CompilerBase {
  assertType(node: AstNode, ...types: unknown[]): void {
    if (OWN_NODES.some((type) => node instanceof (type as new () => unknown))) return;
    super.assertType(node, ...types);
  }
}

Object.assign(
  JinjaCompiler.prototype,
  errorPositionMethods,
  pythonLiteralMethods,
  pythonOperatorMethods,
  pythonValueMethods,
  setStatementMethods,
  doStatementMethods,
  forLoopMethods,
  macroDefinitionMethods,
  sliceMethods,
);
