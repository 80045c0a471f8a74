import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { WorkflowEvent } from '../common/run-events/run-event.types.js';

/** The stream modes every workflow graph is streamed with (STACK.md, LangGraph JS). */
export const GRAPH_STREAM_MODES = ['messages', 'custom'] as ['messages', 'custom'];

function textOf(message: AIMessageChunk): string {
  return typeof message.content === 'string' ? message.content : '';
}

/**
 * The run-to-events mapping, one place for every workflow: a LangGraph stream in
 * GRAPH_STREAM_MODES becomes run events as they arrive, never buffered.
 * - `messages`: streamed model deltas; text becomes `message_chunk`, reasoning
 *   (`reasoning_content`) becomes `tool_thinking`. Tool messages and whole messages
 *   (a node's output, already streamed as deltas) are not assistant text and are dropped.
 * - `custom`: events a node wrote with `config.writer` (tool_start, tool_result, …) as they are.
 */
export async function* graphEvents(stream: AsyncIterable<unknown>): AsyncGenerator<WorkflowEvent> {
  for await (const [mode, payload] of stream as AsyncIterable<[string, unknown]>) {
    if (mode === 'custom') {
      yield payload as WorkflowEvent;
      continue;
    }
    const [message] = payload as [BaseMessage];
    if (!AIMessageChunk.isInstance(message)) continue;
    const reasoning = message.additional_kwargs?.reasoning_content;
    if (typeof reasoning === 'string' && reasoning)
      yield { type: 'tool_thinking', content: reasoning };
    const text = textOf(message);
    if (text) yield { type: 'message_chunk', content: text };
  }
}
