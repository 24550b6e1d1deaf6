import { GraphError } from '../errors/plan-error.js';
import { MinHeap } from './min-heap.js';
import { stronglyConnectedComponents } from './strongly-connected.js';

export interface SubgraphOptions {
  /**
   * Keep an edge a -> c when the path a -> b -> c runs only through dropped nodes, so the
   * kept nodes still run in a valid order (what dbt does for a selected subset). Default false:
   * the plain induced subgraph.
   */
  readonly transitive?: boolean;
}

/**
 * A directed graph of string keys. Edges point from parent (upstream) to child (downstream).
 * Every listing is deterministic: insertion order for nodes(), ties broken by key elsewhere.
 */
export class Dag<K extends string = string> {
  readonly #parents = new Map<K, Set<K>>();
  readonly #children = new Map<K, Set<K>>();

  addNode(k: K): void {
    if (this.#parents.has(k)) return;
    this.#parents.set(k, new Set());
    this.#children.set(k, new Set());
  }

  /** `from` is the parent (upstream), `to` the child. Missing nodes are added. */
  addEdge(from: K, to: K): void {
    this.addNode(from);
    this.addNode(to);
    this.#parents.get(to)!.add(from);
    this.#children.get(from)!.add(to);
  }

  has(k: string): k is K {
    return this.#parents.has(k as K);
  }

  get size(): number {
    return this.#parents.size;
  }

  nodes(): readonly K[] {
    return [...this.#parents.keys()];
  }

  parents(k: K): readonly K[] {
    return [...this.#get(this.#parents, k)];
  }

  children(k: K): readonly K[] {
    return [...this.#get(this.#children, k)];
  }

  /** Ancestors of `k`, excluding `k` itself; `depth` limits the number of generations. */
  upstream(k: K, depth?: number): Set<K> {
    this.#get(this.#parents, k);
    return this.#walk([k], this.#parents, depth, false);
  }

  /** Descendants of `k`, excluding `k` itself; `depth` limits the number of generations. */
  downstream(k: K, depth?: number): Set<K> {
    this.#get(this.#children, k);
    return this.#walk([k], this.#children, depth, false);
  }

  /** Ancestors of any of `keys` within `depth` generations (a key is included only if it is an ancestor of another). */
  upstreamOfAll(keys: Iterable<K>, depth?: number): Set<K> {
    return this.#walk(this.#known(keys), this.#parents, depth, true);
  }

  /** Descendants of any of `keys` within `depth` generations. */
  downstreamOfAll(keys: Iterable<K>, depth?: number): Set<K> {
    return this.#walk(this.#known(keys), this.#children, depth, true);
  }

  subgraph(keys: Iterable<K>, options: SubgraphOptions = {}): Dag<K> {
    const keep = new Set<K>();
    for (const k of keys) if (this.has(k)) keep.add(k);
    const sub = new Dag<K>();
    for (const k of this.#parents.keys()) if (keep.has(k)) sub.addNode(k);
    for (const k of sub.nodes()) {
      if (!options.transitive) {
        for (const c of this.#children.get(k)!) if (keep.has(c)) sub.addEdge(k, c);
        continue;
      }
      // Walk through dropped nodes only, stopping at the first kept node on each path.
      const seen = new Set<K>();
      const stack = [...this.#children.get(k)!];
      while (stack.length > 0) {
        const c = stack.pop()!;
        if (seen.has(c)) continue;
        seen.add(c);
        if (keep.has(c)) sub.addEdge(k, c);
        else stack.push(...this.#children.get(c)!);
      }
    }
    return sub;
  }

  /** Parents before children; among nodes ready at the same time, the smaller key first. Throws GraphError on a cycle. */
  topologicalOrder(): K[] {
    const indegree = new Map<K, number>();
    const ready = new MinHeap<K>();
    for (const [k, ps] of this.#parents) {
      indegree.set(k, ps.size);
      if (ps.size === 0) ready.push(k);
    }
    const order: K[] = [];
    while (ready.size > 0) {
      const k = ready.pop()!;
      order.push(k);
      for (const c of this.#children.get(k)!) {
        const left = indegree.get(c)! - 1;
        indegree.set(c, left);
        if (left === 0) ready.push(c);
      }
    }
    if (order.length !== this.size) {
      const cycle = this.findCycle() ?? [];
      throw new GraphError('graph.cycle', `The graph has a cycle: ${cycle.join(' -> ')}`, {
        hint: 'remove one of the edges on this path',
      });
    }
    return order;
  }

  /**
   * Nodes grouped by generation: level 0 has no parents, level n holds nodes whose parents are
   * all in earlier levels (at least one in level n-1). Each level is sorted. Throws on a cycle.
   */
  levels(): K[][] {
    const level = new Map<K, number>();
    for (const k of this.topologicalOrder()) {
      let l = 0;
      for (const p of this.#parents.get(k)!) l = Math.max(l, level.get(p)! + 1);
      level.set(k, l);
    }
    const out: K[][] = [];
    for (const [k, l] of level) (out[l] ??= []).push(k);
    for (const l of out) l.sort(compareKeys);
    return out;
  }

  /** One cycle as a closed path, e.g. ['a', 'b', 'c', 'a'] (edges a->b->c->a), or undefined. */
  findCycle(): K[] | undefined {
    return this.findCycles()[0];
  }

  /** One shortest cycle per strongly connected component that has a cycle, ordered by smallest key. */
  findCycles(): K[][] {
    const cycles: K[][] = [];
    for (const component of stronglyConnectedComponents(this.#parents.keys(), (k) => this.#children.get(k)!)) {
      const start = [...component].sort(compareKeys)[0];
      const isCycle = component.size > 1 || this.#children.get(start)!.has(start);
      if (isCycle) cycles.push(this.#shortestCycleThrough(start, component));
    }
    return cycles.sort((a, b) => compareKeys(a[0], b[0]));
  }

  #shortestCycleThrough(start: K, within: ReadonlySet<K>): K[] {
    const previous = new Map<K, K>();
    let frontier: K[] = [start];
    while (frontier.length > 0) {
      const next: K[] = [];
      for (const k of frontier) {
        for (const c of [...this.#children.get(k)!].sort(compareKeys)) {
          if (c === start) {
            const back: K[] = [];
            for (let at = k; at !== start; at = previous.get(at)!) back.push(at);
            return [start, ...back.reverse(), start];
          }
          if (!within.has(c) || previous.has(c)) continue;
          previous.set(c, k);
          next.push(c);
        }
      }
      frontier = next;
    }
    throw new Error(`internal: no cycle through ${start}`);
  }

  #walk(starts: readonly K[], edges: Map<K, Set<K>>, depth: number | undefined, keepStartsIfReached: boolean): Set<K> {
    const found = new Set<K>();
    const startSet = new Set(starts);
    let frontier = starts;
    for (let generation = 0; frontier.length > 0 && (depth === undefined || generation < depth); generation++) {
      const next: K[] = [];
      for (const k of frontier) {
        for (const n of edges.get(k)!) {
          if (found.has(n)) continue;
          found.add(n);
          next.push(n);
        }
      }
      frontier = next;
    }
    if (!keepStartsIfReached) for (const s of startSet) found.delete(s);
    return found;
  }

  #known(keys: Iterable<K>): K[] {
    const out: K[] = [];
    for (const k of new Set(keys)) {
      this.#get(this.#parents, k);
      out.push(k);
    }
    return out;
  }

  #get(map: Map<K, Set<K>>, k: K): Set<K> {
    const v = map.get(k);
    if (!v) throw new Error(`Dag: unknown node '${k}'`);
    return v;
  }
}

/** Plain code-unit order (not locale order), so results do not depend on the machine. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
