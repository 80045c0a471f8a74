import type { RunEvent, TokenUsage } from '../../common/run-events/run-event.types.js';
import { type EventTranslator, openedWith, type WireProtocol } from './wire-protocol.js';

/** AG-UI token usage (`@ag-ui/core` TokenUsage) from ours. */
const agUiUsage = (usage: TokenUsage) => ({
  inputTokens: usage.prompt_tokens,
  outputTokens: usage.completion_tokens,
  totalTokens: usage.total_tokens,
});

/**
 * Our events as AG-UI events (https://docs.ag-ui.com/concepts/events): RUN_STARTED first
 * (threadId = trace_id), text and reasoning deltas inside START/END pairs, each tool call as
 * TOOL_CALL_START/ARGS/END then TOOL_CALL_RESULT, and RUN_ERROR or RUN_FINISHED (usage in
 * `result` and `usage`) last. Whatever is open is closed before the run ends, as the AG-UI
 * verifier requires.
 */
function agUiTranslator(): EventTranslator {
  let errored = false;
  let textId: string | undefined;
  let reasoningId: string | undefined;
  let messages = 0;
  /** Tool calls opened by `tool_call_delta` and not ended yet. */
  const streamedCalls = new Set<string>();

  const closeText = () => {
    const closing = textId ? [{ type: 'TEXT_MESSAGE_END', messageId: textId }] : [];
    textId = undefined;
    return closing;
  };
  const closeReasoning = () => {
    const id = reasoningId;
    reasoningId = undefined;
    return id
      ? [
          { type: 'REASONING_MESSAGE_END', messageId: id },
          { type: 'REASONING_END', messageId: id },
        ]
      : [];
  };
  const closeAll = () => [
    ...closeText(),
    ...closeReasoning(),
    ...[...streamedCalls].map((toolCallId) => ({ type: 'TOOL_CALL_END', toolCallId })),
  ];

  const translate = (event: RunEvent): object[] => {
    switch (event.type) {
      case 'tool_thinking': {
        const opening: object[] = [...closeText()];
        if (!reasoningId) {
          reasoningId = `${event.run_id}:reasoning:${++messages}`;
          opening.push(
            { type: 'REASONING_START', messageId: reasoningId },
            { type: 'REASONING_MESSAGE_START', messageId: reasoningId, role: 'reasoning' },
          );
        }
        const delta = {
          type: 'REASONING_MESSAGE_CONTENT',
          messageId: reasoningId,
          delta: event.content,
        };
        return [...opening, delta];
      }
      case 'message_chunk': {
        const opening: object[] = [...closeReasoning()];
        if (!textId) {
          textId = `${event.run_id}:text:${++messages}`;
          opening.push({ type: 'TEXT_MESSAGE_START', messageId: textId, role: 'assistant' });
        }
        return [
          ...opening,
          { type: 'TEXT_MESSAGE_CONTENT', messageId: textId, delta: event.content },
        ];
      }
      case 'tool_call_delta': {
        const { tool_call_id: toolCallId, arguments_delta: delta } = event;
        const opening: object[] = [];
        if (!streamedCalls.has(toolCallId)) {
          streamedCalls.add(toolCallId);
          opening.push(...closeText(), ...closeReasoning());
          opening.push({ type: 'TOOL_CALL_START', toolCallId, toolCallName: event.tool_name });
        }
        return delta ? [...opening, { type: 'TOOL_CALL_ARGS', toolCallId, delta }] : opening;
      }
      case 'tool_start': {
        const toolCallId = event.tool_call_id;
        if (streamedCalls.delete(toolCallId)) return [{ type: 'TOOL_CALL_END', toolCallId }];
        return [
          ...closeText(),
          ...closeReasoning(),
          { type: 'TOOL_CALL_START', toolCallId, toolCallName: event.tool_name },
          { type: 'TOOL_CALL_ARGS', toolCallId, delta: JSON.stringify(event.arguments) },
          { type: 'TOOL_CALL_END', toolCallId },
        ];
      }
      case 'tool_result':
        return [
          {
            type: 'TOOL_CALL_RESULT',
            messageId: `${event.tool_call_id}:result`,
            toolCallId: event.tool_call_id,
            role: 'tool',
            content:
              event.status === 'error'
                ? JSON.stringify({ error: event.error })
                : typeof event.result === 'string'
                  ? event.result
                  : JSON.stringify(event.result),
          },
        ];
      case 'error':
        errored = true;
        return [...closeAll(), { type: 'RUN_ERROR', message: event.message, code: event.code }];
      case 'done': {
        if (errored) return [];
        const { finish_reason, usage, duration_ms } = event;
        return [
          ...closeAll(),
          {
            type: 'RUN_FINISHED',
            threadId: event.trace_id,
            runId: event.run_id,
            outcome: { type: finish_reason === 'cancelled' ? 'cancelled' : 'success' },
            result: { finish_reason, usage, duration_ms },
            usage: [agUiUsage(usage)],
          },
        ];
      }
    }
  };

  return openedWith(
    (event) => ({ type: 'RUN_STARTED', threadId: event.trace_id, runId: event.run_id }),
    translate,
  );
}

export const AG_UI_PROTOCOL: WireProtocol = {
  name: 'ag-ui',
  headers: {},
  translator: agUiTranslator,
};
