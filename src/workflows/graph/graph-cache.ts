import { createHash } from 'node:crypto';
import { GRAPH_CACHE_ENTRIES } from '../kit/nodes/graph-limits.js';
import type { CompiledGraph } from './graph-compiler.js';

/** Compiled graphs by their definition's SHA-256, the oldest used going first. */
export class GraphCache {
  private readonly graphs = new Map<string, CompiledGraph>();

  /** The compiled graph of `definition`, compiling it (`compile`) only when it is new. */
  get(definition: unknown, compile: () => CompiledGraph): CompiledGraph {
    const hash = createHash('sha256').update(JSON.stringify(definition)).digest('base64url');
    const cached = this.graphs.get(hash);
    if (cached) {
      this.graphs.delete(hash);
      this.graphs.set(hash, cached);
      return cached;
    }
    const compiled = compile();
    this.graphs.set(hash, compiled);
    if (this.graphs.size > GRAPH_CACHE_ENTRIES)
      this.graphs.delete(this.graphs.keys().next().value as string);
    return compiled;
  }
}
