import type { FinishReason, RunEvent } from '../../common/run-events/run-event.types.js';
import { type EventTranslator, openedWith, type WireProtocol } from './wire-protocol.js';

/** The AI SDK's finish reasons (UIMessageChunk `finish`). */
const AI_SDK_FINISH_REASONS: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  max_iterations: 'other',
  timeout: 'other',
  cancelled: 'other',
  error: 'error',
};

/**
 * Our events as the AI SDK UI message stream (what `useChat` reads): `start`, text and
 * reasoning parts inside start/delta/end, tool calls as tool-input-start/delta/available then
 * tool-output-available or tool-output-error, `error`, and `finish` with the finish reason and
 * usage in `messageMetadata`, then `[DONE]`.
 */
function aiSdkTranslator(): EventTranslator {
  let textId: string | undefined;
  let reasoningId: string | undefined;
  let parts = 0;
  const inputStarted = new Set<string>();

  const closeOpen = () => {
    const closing = [
      ...(textId ? [{ type: 'text-end', id: textId }] : []),
      ...(reasoningId ? [{ type: 'reasoning-end', id: reasoningId }] : []),
    ];
    textId = undefined;
    reasoningId = undefined;
    return closing;
  };

  const translate = (event: RunEvent): (object | string)[] => {
    switch (event.type) {
      case 'tool_thinking': {
        const opening: object[] = textId ? closeOpen() : [];
        if (!reasoningId) {
          reasoningId = `reasoning-${++parts}`;
          opening.push({ type: 'reasoning-start', id: reasoningId });
        }
        return [...opening, { type: 'reasoning-delta', id: reasoningId, delta: event.content }];
      }
      case 'message_chunk': {
        const opening: object[] = reasoningId ? closeOpen() : [];
        if (!textId) {
          textId = `text-${++parts}`;
          opening.push({ type: 'text-start', id: textId });
        }
        return [...opening, { type: 'text-delta', id: textId, delta: event.content }];
      }
      case 'tool_call_delta': {
        const { tool_call_id: toolCallId, arguments_delta: inputTextDelta } = event;
        const opening: object[] = [];
        if (!inputStarted.has(toolCallId)) {
          inputStarted.add(toolCallId);
          opening.push(...closeOpen(), {
            type: 'tool-input-start',
            toolCallId,
            toolName: event.tool_name,
          });
        }
        return inputTextDelta
          ? [...opening, { type: 'tool-input-delta', toolCallId, inputTextDelta }]
          : opening;
      }
      case 'tool_start':
        return [
          ...closeOpen(),
          {
            type: 'tool-input-available',
            toolCallId: event.tool_call_id,
            toolName: event.tool_name,
            input: event.arguments,
          },
        ];
      case 'tool_result':
        return event.status === 'error'
          ? [
              {
                type: 'tool-output-error',
                toolCallId: event.tool_call_id,
                errorText: event.error?.message ?? 'tool failed',
              },
            ]
          : [
              {
                type: 'tool-output-available',
                toolCallId: event.tool_call_id,
                output: event.result,
              },
            ];
      case 'error':
        return [...closeOpen(), { type: 'error', errorText: event.message }];
      case 'done':
        return [
          ...closeOpen(),
          {
            type: 'finish',
            finishReason: AI_SDK_FINISH_REASONS[event.finish_reason],
            messageMetadata: {
              run_id: event.run_id,
              finish_reason: event.finish_reason,
              usage: event.usage,
              duration_ms: event.duration_ms,
            },
          },
          '[DONE]',
        ];
    }
  };

  return openedWith((event) => ({ type: 'start', messageId: event.run_id }), translate);
}

export const AI_SDK_PROTOCOL: WireProtocol = {
  name: 'ai-sdk',
  // https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol: clients check this header.
  headers: { 'x-vercel-ai-ui-message-stream': 'v1' },
  translator: aiSdkTranslator,
};
