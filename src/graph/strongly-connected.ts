/**
 * Tarjan's strongly connected components, iterative so that long chains (10k+ nodes) do not
 * overflow the call stack. Returns every component, including single nodes.
 */
export function stronglyConnectedComponents<K>(nodes: Iterable<K>, successors: (k: K) => Iterable<K>): Set<K>[] {
  const index = new Map<K, number>();
  const lowlink = new Map<K, number>();
  const onStack = new Set<K>();
  const stack: K[] = [];
  const components: Set<K>[] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: K; it: Iterator<K> }[] = [];
    const visit = (k: K): void => {
      index.set(k, counter);
      lowlink.set(k, counter);
      counter++;
      stack.push(k);
      onStack.add(k);
      work.push({ node: k, it: successors(k)[Symbol.iterator]() });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const step = frame.it.next();
      if (!step.done) {
        const next = step.value;
        if (!index.has(next)) visit(next);
        else if (onStack.has(next)) lowlink.set(frame.node, Math.min(lowlink.get(frame.node)!, index.get(next)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        lowlink.set(parent, Math.min(lowlink.get(parent)!, lowlink.get(frame.node)!));
      }
      if (lowlink.get(frame.node) === index.get(frame.node)) {
        const component = new Set<K>();
        let k: K;
        do {
          k = stack.pop()!;
          onStack.delete(k);
          component.add(k);
        } while (k !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
