import type { BaseMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { FinishReason } from '../../common/run-events/run-event.types.js';
import { checkedAnswer } from './checked-answer.js';
import { graphRuntimeOf } from './graph-runtime.js';
import { streamModelTurn } from './model-turn.js';
import type { RunStateUpdate, RunStateValues } from './run-state.js';

/** OpenAI finish reasons that end a run; `tool_calls` never does (the loop continues). */
export function finishReasonOf(raw: unknown): FinishReason {
  return raw === 'length' || raw === 'content_filter' ? raw : 'stop';
}

/**
 * A graph node that streams one model turn over the state's messages (streamModelTurn:
 * tokens become `message_chunk` events as they arrive) and writes what it learnt to the
 * state: the answer, how the model finished, the model calls it made. With a JSON
 * response_format, a final answer is checked (checkedAnswer: repaired when it may be) and
 * its parsed `output` written. `tools: false` calls the model without the run's tools bound.
 */
export function modelNode(options: { tools?: boolean } = {}) {
  return async (
    state: RunStateValues,
    config: LangGraphRunnableConfig,
  ): Promise<RunStateUpdate> => {
    const runtime = graphRuntimeOf(config);
    const model = runtime.model(options.tools);
    const turn = (messages: BaseMessage[]) =>
      streamModelTurn(model, messages, config, {
        streamToolArguments: runtime.streamToolArguments,
      });
    const answer = await turn(state.messages);
    const check = runtime.outputCheck;
    const { messages, last, output } = check
      ? await checkedAnswer(answer, state.messages, check, turn)
      : { messages: [answer], last: answer, output: undefined };
    return {
      messages,
      finishReason: finishReasonOf(last.response_metadata?.finish_reason),
      // The answer and each repair: one call per answer among the messages.
      modelCalls: (messages.length + 1) / 2,
      ...(output && { output }),
    };
  };
}
