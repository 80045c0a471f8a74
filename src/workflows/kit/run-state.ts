import { Annotation, MessagesAnnotation } from '@langchain/langgraph';
import type { FinishReason, TokenUsage } from '../../common/run-events/run-event.types.js';
import { addUsage, NO_USAGE } from '../usage-meter.js';

/**
 * The graph state every kit workflow starts from: the conversation, plus how the run is
 * going, written by the nodes that know it. A model node adds its call's usage and says how
 * the model finished; a node that stops the run early (finishNode) says why. runGraph reads
 * these from the nodes' updates for the run's `done`.
 */
export const RunState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** Token usage of the graph's model calls, summed. */
  usage: Annotation<TokenUsage, Partial<TokenUsage> | undefined>({
    reducer: addUsage,
    default: () => NO_USAGE,
  }),
  /** How the run finishes if the graph ends now: the last writer wins. */
  finishReason: Annotation<FinishReason>({
    reducer: (_previous, next) => next,
    default: () => 'stop',
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
