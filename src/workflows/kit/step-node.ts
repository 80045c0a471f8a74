import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { emitEvent } from './graph-events.js';
import { graphRuntimeOf } from './graph-runtime.js';

/** What a node is, as `step_start`/`step_end` name it (`llm`, `tool`, `condition`, …). */
export type NodeType = string;

type GraphNode<State, Update> = (
  state: State,
  config: LangGraphRunnableConfig,
) => Promise<Update> | Update;

/**
 * A graph node that, with runtime_config.stream_steps, is framed by `step_start` and
 * `step_end` (its name, `type`, duration and whether it threw; never state contents), written
 * from inside the node so they arrive in order with its own events.
 */
export function steppedNode<State, Update>(
  type: NodeType,
  node: GraphNode<State, Update>,
): GraphNode<State, Update> {
  return async (state, config) => {
    if (!graphRuntimeOf(config).streamSteps) return node(state, config);
    const name = String(config.metadata?.langgraph_node ?? type);
    const started = performance.now();
    void emitEvent(config, { type: 'step_start', node: name, node_type: type });
    let status: 'success' | 'error' = 'error';
    try {
      const update = await node(state, config);
      status = 'success';
      return update;
    } finally {
      const duration_ms = Math.round(performance.now() - started);
      void emitEvent(config, {
        type: 'step_end',
        node: name,
        node_type: type,
        duration_ms,
        status,
      });
    }
  };
}
