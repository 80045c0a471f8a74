/**
 * The bounds of a graph run that are not settings (MAX_GRAPH_NODES and MAX_ITERATIONS are:
 * config/environment.schema.ts). Every one is checked before the stream or fails the node.
 */

/** Items one map visit may run its nodes for (graph_runtime_error beyond). */
export const MAX_MAP_ITEMS = 100;
/** The highest `max_parallel` a map may ask for: items whose nodes run at once. */
export const MAX_MAP_PARALLEL = 16;
/** A map's items running at once when it does not say. */
export const DEFAULT_MAP_PARALLEL = 4;
/** The highest `max_iterations` a node may set: its visits in one run. */
export const MAX_NODE_ITERATIONS = 100;
/** Compiled graphs kept across runs, by their definition's hash; the oldest go first. */
export const GRAPH_CACHE_ENTRIES = 128;
