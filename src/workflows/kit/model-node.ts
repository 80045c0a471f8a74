import type { AIMessageChunk } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { FinishReason, TokenUsage } from '../../common/run-events/run-event.types.js';
import { graphRuntimeOf } from './graph-runtime.js';
import { streamModelTurn } from './model-turn.js';
import type { RunStateUpdate, RunStateValues } from './run-state.js';

/** OpenAI finish reasons that end a run; `tool_calls` never does (the loop continues). */
export function finishReasonOf(raw: unknown): FinishReason {
  return raw === 'length' || raw === 'content_filter' ? raw : 'stop';
}

/** LangChain's usage metadata as ours. */
export function usageOf(message: AIMessageChunk): Partial<TokenUsage> | undefined {
  const metadata = message.usage_metadata;
  if (!metadata) return undefined;
  const cached = metadata.input_token_details?.cache_read;
  const reasoning = metadata.output_token_details?.reasoning;
  return {
    prompt_tokens: metadata.input_tokens,
    completion_tokens: metadata.output_tokens,
    total_tokens: metadata.total_tokens,
    ...(cached !== undefined && { prompt_tokens_details: { cached_tokens: cached } }),
    ...(reasoning !== undefined && { completion_tokens_details: { reasoning_tokens: reasoning } }),
  };
}

/**
 * A graph node that streams one model turn over the state's messages (streamModelTurn:
 * tokens become `message_chunk` events as they arrive) and writes what it learnt to the
 * state: the answer, the call's usage, how the model finished, one more model call.
 * `tools: false` calls the model without the run's tools bound.
 */
export function modelNode(options: { tools?: boolean } = {}) {
  return async (
    state: RunStateValues,
    config: LangGraphRunnableConfig,
  ): Promise<RunStateUpdate> => {
    const runtime = graphRuntimeOf(config);
    const response = await streamModelTurn(runtime.model(options.tools), state.messages, config, {
      streamToolArguments: runtime.streamToolArguments,
    });
    return {
      messages: [response],
      usage: usageOf(response),
      finishReason: finishReasonOf(response.response_metadata?.finish_reason),
      modelCalls: 1,
    };
  };
}
