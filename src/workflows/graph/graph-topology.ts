/** A graph's nodes and where each may go next (edge targets; `end` is not a node). */
export type Successors = ReadonlyMap<string, readonly string[]>;

/** The nodes reachable from `entry`, itself included. */
export function reachableFrom(entry: string, successors: Successors): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let node = queue.shift(); node !== undefined; node = queue.shift())
    for (const next of successors.get(node) ?? [])
      if (!seen.has(next) && successors.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  return seen;
}

/**
 * The nodes on a cycle that passes through none of `bounded` (nodes with max_iterations):
 * such a cycle could run forever. With the bounded nodes taken out, what is left must be
 * acyclic; a node is reported when it lies on a cycle of the rest (its strongly connected
 * component has more than one node, or it loops to itself).
 */
export function unboundedCycleNodes(
  successors: Successors,
  bounded: ReadonlySet<string>,
): string[] {
  const nodes = [...successors.keys()].filter((node) => !bounded.has(node));
  const next = (node: string) =>
    (successors.get(node) ?? []).filter((target) => nodes.includes(target));
  // Tarjan's strongly connected components; graphs are small (MAX_GRAPH_NODES).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cyclic: string[] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const target of next(node)) {
      if (!index.has(target)) visit(target);
      if (onStack.has(target))
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1 || next(node).includes(node)) cyclic.push(...component);
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return cyclic;
}
