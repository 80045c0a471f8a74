import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import type { RunChatModel } from '../../model-gateway/chat-model.provider.js';
import { emitEvent } from './graph-events.js';
import { ToolCallDeltas } from './tool-call-deltas.js';

export interface ModelTurnOptions {
  /** Write the tool calls' argument fragments as `tool_call_delta` events. */
  streamToolArguments?: boolean;
  /** Keep the text and reasoning from the client (a node whose answer goes into state). */
  quiet?: boolean;
  /** OpenAI's `response_format`, sent as it is (a graph llm node's JSON Schema). */
  responseFormat?: Record<string, unknown>;
}

/**
 * One model call inside a graph node, the one place where model deltas become run events:
 * text becomes `message_chunk`, reasoning (`reasoning_content`) becomes `tool_thinking`, and
 * with `streamToolArguments` tool-call fragments become `tool_call_delta`, each written to
 * LangGraph's `custom` stream as it arrives, at the pace the run is read (`quiet`: no text
 * nor reasoning events). Returns the whole message.
 *
 * The call gets the run's signal but not the node's callbacks: streaming through LangGraph's
 * `messages` mode would run LangChain's callback managers on every token, the largest CPU
 * cost a run had (docs/performance.md). The model is read through its `streamTurn`, which
 * skips the rest of LangChain's per-token work too.
 */
export async function streamModelTurn(
  model: RunChatModel,
  messages: BaseMessage[],
  config: LangGraphRunnableConfig,
  options: ModelTurnOptions = {},
): Promise<AIMessageChunk> {
  const toolCallDeltas = options.streamToolArguments ? new ToolCallDeltas() : undefined;
  // Set when the run's readers are behind (emitEvent): the model stream is then held until
  // they caught up, so TCP backpressure reaches the model.
  let behind: Promise<void> | undefined;
  const emit = (event: WorkflowEvent) => (behind = emitEvent(config, event) ?? behind);
  const turnOptions = {
    signal: config.signal,
    ...(options.responseFormat && { response_format: options.responseFormat }),
  };
  return model.streamTurn(messages, turnOptions, ({ text, reasoning, toolCalls }) => {
    behind = undefined;
    for (const event of toolCallDeltas?.events(toolCalls) ?? []) emit(event);
    if (options.quiet !== true) {
      if (reasoning) emit({ type: 'tool_thinking', content: reasoning });
      if (text) emit({ type: 'message_chunk', content: text });
    }
    return behind;
  });
}
