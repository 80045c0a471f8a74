import { Annotation, MessagesAnnotation } from '@langchain/langgraph';
import type { FinishReason } from '../../common/run-events/run-event.types.js';

/**
 * The graph state every kit workflow starts from: the conversation, plus how the run is
 * going, written by the nodes that know it. A model node says how the model finished; a node
 * that stops the run early (finishNode) says why. runGraph reads this from the nodes'
 * updates for the run's `done` (usage is the run's account's, told by every model call).
 */
export const RunState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** How the run finishes if the graph ends now: the last writer wins. */
  finishReason: Annotation<FinishReason>({
    reducer: (_previous, next) => next,
    default: () => 'stop',
  }),
  /** The final answer parsed as JSON, with a JSON response_format (`{value}`: null is JSON). */
  output: Annotation<{ value: unknown } | undefined>({
    reducer: (_previous, next) => next,
    default: () => undefined,
  }),
  /** Model calls of the tool loop so far (modelNode adds one per call). */
  modelCalls: Annotation<number>({ reducer: (total, calls) => total + calls, default: () => 0 }),
});

export type RunStateValues = typeof RunState.State;
export type RunStateUpdate = typeof RunState.Update;

/** A node that ends the run with `reason` (e.g. `max_iterations`), adding nothing else. */
export const finishNode = (reason: FinishReason) => (): RunStateUpdate => ({
  finishReason: reason,
});
