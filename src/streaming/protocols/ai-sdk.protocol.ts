import type { FinishReason, RunEvent } from '../../common/run-events/run-event.types.js';
import { ContentParts, type PartFraming } from './content-parts.js';
import { type EventHandlers, runOutcomeOf, translatorOf } from './event-translation.js';
import type { EventTranslator, WireProtocol } from './wire-protocol.js';

/** The AI SDK's finish reasons (UIMessageChunk `finish`). */
const AI_SDK_FINISH_REASONS: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  max_iterations: 'other',
  timeout: 'other',
  cancelled: 'other',
  budget_exceeded: 'other',
  approval_required: 'tool-calls',
  error: 'error',
};

/** Parts as text-start/end and reasoning-start/end, numbered across the stream. */
const AI_SDK_PARTS: PartFraming = {
  start: (kind, id) => [{ type: `${kind}-start`, id }],
  end: (kind, id) => [{ type: `${kind}-end`, id }],
  idOf: (kind, count) => `${kind}-${count}`,
};

/** A result as its AI SDK part; a call a person denied is `tool-output-denied`. */
const toolOutput = (event: RunEvent<'tool_result'>) =>
  event.error?.code === 'approval_denied'
    ? { type: 'tool-output-denied', toolCallId: event.tool_call_id }
    : event.status === 'error'
      ? {
          type: 'tool-output-error',
          toolCallId: event.tool_call_id,
          errorText: event.error?.message ?? 'tool failed',
        }
      : { type: 'tool-output-available', toolCallId: event.tool_call_id, output: event.result };

/**
 * Our events as the AI SDK UI message stream (what `useChat` reads): `start`, text and
 * reasoning parts inside start/delta/end, tool calls as tool-input-start/delta/available then
 * tool-output-available, tool-output-error or tool-output-denied, a call that waits for
 * approval as tool-input-available then tool-approval-request, `error`, and `finish` with the
 * finish reason and usage in `messageMetadata`, then `[DONE]`.
 */
function aiSdkTranslator(): EventTranslator {
  const parts = new ContentParts(AI_SDK_PARTS);
  const inputStarted = new Set<string>();
  const handlers: EventHandlers = {
    tool_thinking: (event) =>
      parts.append('reasoning', event.run_id, (id) => ({
        type: 'reasoning-delta',
        id,
        delta: event.content,
      })),
    message_chunk: (event) =>
      parts.append('text', event.run_id, (id) => ({
        type: 'text-delta',
        id,
        delta: event.content,
      })),
    tool_call_delta: ({ tool_call_id: toolCallId, tool_name: toolName, arguments_delta }) => {
      const opening: object[] = [];
      if (!inputStarted.has(toolCallId)) {
        inputStarted.add(toolCallId);
        opening.push(...parts.close(), { type: 'tool-input-start', toolCallId, toolName });
      }
      return arguments_delta
        ? [...opening, { type: 'tool-input-delta', toolCallId, inputTextDelta: arguments_delta }]
        : opening;
    },
    tool_start: (event) => [
      ...parts.close(),
      {
        type: 'tool-input-available',
        toolCallId: event.tool_call_id,
        toolName: event.tool_name,
        input: event.arguments,
      },
    ],
    tool_result: (event) => [toolOutput(event)],
    // The AI SDK's steps; its parts do not cross them, so an open one closes first.
    step_start: () => [...parts.close(), { type: 'start-step' }],
    step_end: () => [...parts.close(), { type: 'finish-step' }],
    // The AI SDK's tool approval request: useChat shows the call as `approval-requested`,
    // with the approval token as its approval id.
    tool_approval_required: (event) => [
      ...parts.close(),
      {
        type: 'tool-input-available',
        toolCallId: event.tool_call_id,
        toolName: event.tool_name,
        input: event.arguments,
      },
      {
        type: 'tool-approval-request',
        approvalId: event.approval_token,
        toolCallId: event.tool_call_id,
      },
    ],
    error: (event) => [...parts.close(), { type: 'error', errorText: event.message }],
    done: (event) => [
      ...parts.close(),
      {
        type: 'finish',
        finishReason: AI_SDK_FINISH_REASONS[event.finish_reason],
        messageMetadata: { run_id: event.run_id, ...runOutcomeOf(event) },
      },
      '[DONE]',
    ],
  };
  return translatorOf((event) => ({ type: 'start', messageId: event.run_id }), handlers);
}

export const AI_SDK_PROTOCOL = {
  name: 'ai-sdk',
  // https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol: clients check this header.
  headers: { 'x-vercel-ai-ui-message-stream': 'v1' },
  translator: aiSdkTranslator,
} as const satisfies WireProtocol;
