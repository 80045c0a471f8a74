import { Annotation } from '@langchain/langgraph';
import { RunState } from '../kit/run-state.js';

/**
 * The state of a `graph` workflow: RunState (the conversation, how the run finishes), the
 * definition's state keys in one channel (`stateValues`: each node's writes merged in), the
 * node a condition chose (`nextNode`), and each node's visits (`nodeVisits`, for max_iterations).
 */
export const GraphState = Annotation.Root({
  ...RunState.spec,
  stateValues: Annotation<Record<string, unknown>>({
    reducer: (values, update) => ({ ...values, ...update }),
    default: () => ({}),
  }),
  nextNode: Annotation<string | undefined>({
    reducer: (_previous, next) => next,
    default: () => undefined,
  }),
  nodeVisits: Annotation<Record<string, number>>({
    reducer: (visits, update) => {
      const merged = { ...visits };
      for (const [node, count] of Object.entries(update))
        merged[node] = (merged[node] ?? 0) + count;
      return merged;
    },
    default: () => ({}),
  }),
});

export type GraphStateValues = typeof GraphState.State;
export type GraphStateUpdate = typeof GraphState.Update;

/** The channel names, which no node may take as its id (LangGraph refuses it). */
export const GRAPH_STATE_CHANNELS = Object.keys(GraphState.spec);
