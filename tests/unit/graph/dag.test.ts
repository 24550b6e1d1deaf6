import { describe, expect, it } from 'vitest';
import { Dag } from '../../../src/graph/dag.js';
import { GraphError } from '../../../src/errors/plan-error.js';

function dagOf(edges: readonly (readonly [string, string])[], nodes: readonly string[] = []): Dag {
  const dag = new Dag();
  for (const n of nodes) dag.addNode(n);
  for (const [from, to] of edges) dag.addEdge(from, to);
  return dag;
}

// a -> b -> d, a -> c -> d, d -> e
const diamond = (): Dag => dagOf([['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd'], ['d', 'e']]);

describe('Dag basics', () => {
  it('adds missing nodes on addEdge and lists parents and children', () => {
    const dag = diamond();
    expect(dag.nodes()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(dag.has('d')).toBe(true);
    expect(dag.has('z')).toBe(false);
    expect(dag.parents('d')).toEqual(['b', 'c']);
    expect(dag.children('a')).toEqual(['b', 'c']);
    expect(dag.parents('a')).toEqual([]);
  });

  it('ignores duplicate nodes and edges', () => {
    const dag = dagOf([['a', 'b'], ['a', 'b']], ['a', 'a']);
    expect(dag.nodes()).toEqual(['a', 'b']);
    expect(dag.children('a')).toEqual(['b']);
  });

  it('throws on unknown nodes instead of answering for them', () => {
    expect(() => diamond().parents('zz')).toThrow(/unknown node 'zz'/);
    expect(() => diamond().upstream('zz')).toThrow(/unknown node/);
  });
});

describe('upstream and downstream', () => {
  it('returns all ancestors or descendants, excluding the node itself', () => {
    const dag = diamond();
    expect([...dag.upstream('e')].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...dag.downstream('a')].sort()).toEqual(['b', 'c', 'd', 'e']);
    expect(dag.upstream('a').size).toBe(0);
  });

  it('limits the number of generations with depth', () => {
    const dag = diamond();
    expect([...dag.upstream('e', 1)]).toEqual(['d']);
    expect([...dag.upstream('e', 2)].sort()).toEqual(['b', 'c', 'd']);
    expect([...dag.downstream('a', 1)].sort()).toEqual(['b', 'c']);
    expect([...dag.downstream('a', 0)]).toEqual([]);
  });

  it('walks from many nodes at once', () => {
    const dag = diamond();
    expect([...dag.downstreamOfAll(['b', 'c'], 1)]).toEqual(['d']);
    expect([...dag.upstreamOfAll(['b', 'd'])].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('topologicalOrder', () => {
  it('puts parents first and breaks ties by key, whatever the insertion order', () => {
    const edges: [string, string][] = [['m', 'z'], ['b', 'z'], ['a', 'm'], ['c', 'b']];
    const expected = ['a', 'c', 'b', 'm', 'z'];
    expect(dagOf(edges).topologicalOrder()).toEqual(expected);
    expect(dagOf([...edges].reverse()).topologicalOrder()).toEqual(expected);
    expect(dagOf(edges, ['z', 'm', 'c']).topologicalOrder()).toEqual(expected);
  });

  it('throws a GraphError with the cycle path on a cycle', () => {
    const dag = dagOf([['a', 'b'], ['b', 'c'], ['c', 'a'], ['x', 'a']]);
    let error: unknown;
    try {
      dag.topologicalOrder();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).code).toBe('graph.cycle');
    expect((error as GraphError).message).toContain('a -> b -> c -> a');
  });

  it('groups nodes into levels', () => {
    expect(diamond().levels()).toEqual([['a'], ['b', 'c'], ['d'], ['e']]);
    expect(dagOf([['a', 'c'], ['b', 'c'], ['c', 'd'], ['a', 'd']]).levels()).toEqual([['a', 'b'], ['c'], ['d']]);
  });
});

describe('cycles', () => {
  it('returns undefined for an acyclic graph', () => {
    expect(diamond().findCycle()).toBeUndefined();
    expect(diamond().findCycles()).toEqual([]);
  });

  it('returns the closed path of a cycle, starting at its smallest key', () => {
    expect(dagOf([['c', 'a'], ['a', 'b'], ['b', 'c'], ['c', 'd']]).findCycle()).toEqual(['a', 'b', 'c', 'a']);
  });

  it('finds self loops', () => {
    expect(dagOf([['a', 'a']]).findCycle()).toEqual(['a', 'a']);
  });

  it('reports one cycle per separate knot, the shortest through its smallest key', () => {
    const dag = dagOf([
      ['a', 'b'],
      ['b', 'a'],
      ['b', 'c'],
      ['x', 'y'],
      ['y', 'z'],
      ['z', 'x'],
      ['y', 'x'],
    ]);
    expect(dag.findCycles()).toEqual([
      ['a', 'b', 'a'],
      ['x', 'y', 'x'],
    ]);
  });
});

describe('subgraph', () => {
  it('keeps only edges between kept nodes by default', () => {
    const sub = diamond().subgraph(['a', 'd', 'e', 'nope']);
    expect(sub.nodes()).toEqual(['a', 'd', 'e']);
    expect(sub.parents('d')).toEqual([]);
    expect(sub.children('d')).toEqual(['e']);
  });

  it('keeps order through dropped nodes when transitive', () => {
    const sub = diamond().subgraph(['a', 'd', 'e'], { transitive: true });
    expect(sub.parents('d')).toEqual(['a']);
    expect(sub.parents('e')).toEqual(['d']);
    expect(sub.children('a')).toEqual(['d']);
  });
});

describe('performance sanity', () => {
  it('handles a 10,000-node chain without overflowing the stack', () => {
    const dag = new Dag();
    for (let i = 1; i < 10_000; i++) dag.addEdge(key(i - 1), key(i));
    expect(dag.findCycle()).toBeUndefined();
    expect(dag.topologicalOrder()).toHaveLength(10_000);
    expect(dag.upstream(key(9_999)).size).toBe(9_999);
    dag.addEdge(key(9_999), key(0));
    expect(dag.findCycle()).toHaveLength(10_001);
  });

  it('sorts 10,000 nodes and 30,000 edges into a valid order', () => {
    const dag = new Dag();
    let seed = 42;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 10_000; i++) dag.addNode(key(i));
    for (let e = 0; e < 30_000; e++) {
      const a = Math.floor(random() * 10_000);
      const b = Math.floor(random() * 10_000);
      if (a !== b) dag.addEdge(key(Math.min(a, b)), key(Math.max(a, b)));
    }
    const order = dag.topologicalOrder();
    const position = new Map(order.map((k, i) => [k, i]));
    for (const k of dag.nodes()) for (const c of dag.children(k)) expect(position.get(k)!).toBeLessThan(position.get(c)!);
    expect(dag.findCycles()).toEqual([]);
    expect(dag.downstreamOfAll([key(0), key(1)]).size).toBeGreaterThan(0);
  });
});

function key(i: number): string {
  return `model.p.m${String(i).padStart(5, '0')}`;
}
