import type { RunEvent, TokenUsage } from '../../common/run-events/run-event.types.js';
import { ContentParts, type PartFraming } from './content-parts.js';
import { type EventHandlers, translatorOf } from './event-translation.js';
import type { EventTranslator, WireProtocol } from './wire-protocol.js';

/** AG-UI token usage (`@ag-ui/core` TokenUsage) from ours. */
const agUiUsage = (usage: TokenUsage) => ({
  inputTokens: usage.prompt_tokens,
  outputTokens: usage.completion_tokens,
  totalTokens: usage.total_tokens,
});

/** Text as TEXT_MESSAGE_START/END, reasoning as REASONING_START + REASONING_MESSAGE_START/END. */
const AG_UI_PARTS: PartFraming = {
  start: (kind, messageId) =>
    kind === 'text'
      ? [{ type: 'TEXT_MESSAGE_START', messageId, role: 'assistant' }]
      : [
          { type: 'REASONING_START', messageId },
          { type: 'REASONING_MESSAGE_START', messageId, role: 'reasoning' },
        ],
  end: (kind, messageId) =>
    kind === 'text'
      ? [{ type: 'TEXT_MESSAGE_END', messageId }]
      : [
          { type: 'REASONING_MESSAGE_END', messageId },
          { type: 'REASONING_END', messageId },
        ],
  idOf: (kind, count, runId) => `${runId}:${kind}:${count}`,
};

const resultContent = (event: RunEvent<'tool_result'>) =>
  event.status === 'error'
    ? JSON.stringify({ error: event.error })
    : typeof event.result === 'string'
      ? event.result
      : JSON.stringify(event.result);

/**
 * Our events as AG-UI events (https://docs.ag-ui.com/concepts/events): RUN_STARTED first
 * (threadId = trace_id), text and reasoning deltas inside START/END pairs, each tool call as
 * TOOL_CALL_START/ARGS/END then TOOL_CALL_RESULT, and RUN_ERROR or RUN_FINISHED (usage in
 * `result` and `usage`) last. Whatever is open is closed before the run ends, as the AG-UI
 * verifier requires.
 */
function agUiTranslator(): EventTranslator {
  const parts = new ContentParts(AG_UI_PARTS);
  /** Tool calls opened by `tool_call_delta` and not ended yet. */
  const streamedCalls = new Set<string>();
  let errored = false;
  const closeAll = () => [
    ...parts.close(),
    ...[...streamedCalls].map((toolCallId) => ({ type: 'TOOL_CALL_END', toolCallId })),
  ];
  const handlers: EventHandlers = {
    tool_thinking: (event) => {
      const { frames, id } = parts.enter('reasoning', event.run_id);
      return [
        ...frames,
        { type: 'REASONING_MESSAGE_CONTENT', messageId: id, delta: event.content },
      ];
    },
    message_chunk: (event) => {
      const { frames, id } = parts.enter('text', event.run_id);
      return [...frames, { type: 'TEXT_MESSAGE_CONTENT', messageId: id, delta: event.content }];
    },
    tool_call_delta: ({ tool_call_id: toolCallId, tool_name, arguments_delta: delta }) => {
      const opening: object[] = [];
      if (!streamedCalls.has(toolCallId)) {
        streamedCalls.add(toolCallId);
        opening.push(...parts.close(), {
          type: 'TOOL_CALL_START',
          toolCallId,
          toolCallName: tool_name,
        });
      }
      return delta ? [...opening, { type: 'TOOL_CALL_ARGS', toolCallId, delta }] : opening;
    },
    tool_start: ({ tool_call_id: toolCallId, tool_name, arguments: args }) => {
      if (streamedCalls.delete(toolCallId)) return [{ type: 'TOOL_CALL_END', toolCallId }];
      return [
        ...parts.close(),
        { type: 'TOOL_CALL_START', toolCallId, toolCallName: tool_name },
        { type: 'TOOL_CALL_ARGS', toolCallId, delta: JSON.stringify(args) },
        { type: 'TOOL_CALL_END', toolCallId },
      ];
    },
    tool_result: (event) => [
      {
        type: 'TOOL_CALL_RESULT',
        messageId: `${event.tool_call_id}:result`,
        toolCallId: event.tool_call_id,
        role: 'tool',
        content: resultContent(event),
      },
    ],
    error: (event) => {
      errored = true;
      return [...closeAll(), { type: 'RUN_ERROR', message: event.message, code: event.code }];
    },
    done: ({ finish_reason, usage, duration_ms, trace_id, run_id }) =>
      errored
        ? []
        : [
            ...closeAll(),
            {
              type: 'RUN_FINISHED',
              threadId: trace_id,
              runId: run_id,
              outcome: { type: finish_reason === 'cancelled' ? 'cancelled' : 'success' },
              result: { finish_reason, usage, duration_ms },
              usage: [agUiUsage(usage)],
            },
          ],
  };
  return translatorOf(
    (event) => ({ type: 'RUN_STARTED', threadId: event.trace_id, runId: event.run_id }),
    handlers,
  );
}

export const AG_UI_PROTOCOL = {
  name: 'ag-ui',
  headers: {},
  translator: agUiTranslator,
} as const satisfies WireProtocol;
