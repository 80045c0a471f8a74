import { reachableFrom, unboundedCycleNodes } from './graph-topology.js';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('graph topology', () => {
  it('finds what the entry reaches, ignoring the end target', () => {
    const successors = graph({ a: ['b', 'end'], b: [], c: ['a'] });
    expect([...reachableFrom('a', successors)].sort()).toEqual(['a', 'b']);
  });

  it('reports cycles that pass through no bounded node', () => {
    const successors = graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: ['d'] });
    expect(unboundedCycleNodes(successors, new Set()).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(unboundedCycleNodes(successors, new Set(['b'])).sort()).toEqual(['d']);
    expect(unboundedCycleNodes(successors, new Set(['b', 'd']))).toEqual([]);
  });

  it('reports a second cycle of a component that bypasses the bounded node', () => {
    // a → b → a is bounded by b; a → c → a is not.
    const successors = graph({ a: ['b', 'c'], b: ['a'], c: ['a'] });
    expect(unboundedCycleNodes(successors, new Set(['b'])).sort()).toEqual(['a', 'c']);
  });
});
