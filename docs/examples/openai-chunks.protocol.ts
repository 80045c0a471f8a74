// Worked example of docs/extending.md: a wire protocol in one file.
// test/docs-examples.e2e-spec.ts translates a real run's events with it.
import type { FinishReason, RunEvent } from '../../src/common/run-events/run-event.types.js';
import { translatorOf } from '../../src/streaming/protocols/event-translation.js';
import type { WireProtocol } from '../../src/streaming/protocols/wire-protocol.js';

/** OpenAI's finish reasons; ours that it has no word for are `stop`. */
const OPENAI_FINISH_REASONS: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content_filter',
  max_iterations: 'stop',
  timeout: 'stop',
  cancelled: 'stop',
  budget_exceeded: 'stop',
  approval_required: 'tool_calls',
  error: 'stop',
};

/**
 * One `chat.completion.chunk` as OpenAI streams it
 * (https://platform.openai.com/docs/api-reference/chat-streaming/streaming): the run id as
 * the completion id, one choice.
 */
const chunk = (event: RunEvent, delta: object, finishReason: string | null = null) => ({
  id: event.run_id,
  object: 'chat.completion.chunk',
  created: Math.floor(event.timestamp / 1000),
  model: 'execution-plane',
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

/**
 * The run's answer text as an OpenAI Chat Completions stream, for clients that only read
 * that: a role chunk first, a content chunk per `message_chunk`, a last chunk with the
 * finish reason and usage, then `[DONE]`. Tool activity and reasoning are not shown.
 */
export const OPENAI_CHUNKS_PROTOCOL = {
  name: 'openai-chunks',
  headers: {},
  translator: () =>
    translatorOf((first) => chunk(first, { role: 'assistant', content: '' }), {
      message_chunk: (event) => [chunk(event, { content: event.content })],
      tool_thinking: () => [],
      tool_call_delta: () => [],
      tool_start: () => [],
      tool_result: () => [],
      tool_approval_required: () => [],
      step_start: () => [],
      step_end: () => [],
      error: () => [],
      done: (event) => [
        { ...chunk(event, {}, OPENAI_FINISH_REASONS[event.finish_reason]), usage: event.usage },
        '[DONE]',
      ],
    }),
} as const satisfies WireProtocol;
