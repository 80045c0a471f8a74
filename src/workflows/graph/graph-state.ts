import type { BaseMessage } from '@langchain/core/messages';
import { Annotation } from '@langchain/langgraph';
import type { PausedGraphState } from '../../common/run-events/run-event.types.js';
import { RunState } from '../kit/run-state.js';

/** A resumed run's paused node, and the messages it had added (the conversation's tail). */
export interface ResumedNode {
  node: string;
  messages: BaseMessage[];
}

const lastValue = <T>() =>
  Annotation<T | null>({ reducer: (_previous, next) => next, default: () => null });

/**
 * The state of a `graph` workflow: RunState (the conversation, how the run finishes), the
 * definition's state keys in one channel (`stateValues`: each node's writes merged in), the
 * node a condition chose (`nextNode`), each node's visits (`nodeVisits`, for max_iterations),
 * the node a resumed run continues (`resumed`, taken by its visit) and where a run paused for
 * approval (`paused`, `done.graph_state`).
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
  resumed: lastValue<ResumedNode>(),
  paused: lastValue<PausedGraphState>(),
});

export type GraphStateValues = typeof GraphState.State;
export type GraphStateUpdate = typeof GraphState.Update;

/** The channel names, which no node may take as its id (LangGraph refuses it). */
export const GRAPH_STATE_CHANNELS = Object.keys(GraphState.spec);
