// The run-time context compiled templates read variables from: the render's variables first, then
// the environment's globals (whose getters make dynamic globals). Same contract as nunjucks' Context.
import type { RenderFunction } from './compile-template.js';

interface GlobalsHolder {
  readonly globals: Record<string, unknown>;
}

export class TemplateContext {
  readonly ctx: Record<string, unknown>;
  readonly blocks: Record<string, RenderFunction[]> = {};
  readonly exported: string[] = [];

  constructor(
    variables: Readonly<Record<string, unknown>>,
    blocks: Readonly<Record<string, RenderFunction>>,
    readonly env: GlobalsHolder,
  ) {
    this.ctx = { ...variables };
    for (const [name, block] of Object.entries(blocks)) this.addBlock(name, block);
  }

  lookup(name: string): unknown {
    return name in this.ctx ? this.ctx[name] : this.env.globals[name];
  }

  setVariable(name: string, value: unknown): void {
    this.ctx[name] = value;
  }

  getVariables(): Record<string, unknown> {
    return this.ctx;
  }

  addBlock(name: string, block: RenderFunction): this {
    (this.blocks[name] ??= []).push(block);
    return this;
  }

  getBlock(name: string): RenderFunction {
    const block = this.blocks[name]?.[0];
    if (!block) throw new Error(`unknown block "${name}"`);
    return block;
  }

  getSuper(): never {
    throw new Error('super() needs template inheritance, which is not supported');
  }

  addExport(name: string): void {
    this.exported.push(name);
  }

  getExported(): Record<string, unknown> {
    return Object.fromEntries(this.exported.map((name) => [name, this.ctx[name]]));
  }
}
