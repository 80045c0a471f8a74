import type { RunEvent, TokenUsage } from '../../common/run-events/run-event.types.js';
import { APPROVAL_DECISIONS } from '../../payload/dto/tool-approval.dto.js';
import { ContentParts, type PartFraming } from './content-parts.js';
import { runOutcomeOf, translatorOf } from './event-translation.js';
import type { EventTranslator, WireProtocol } from './wire-protocol.js';

/** AG-UI token usage (`@ag-ui/core` TokenUsage) from ours, details where we have them. */
const agUiUsage = (usage: TokenUsage) => ({
  inputTokens: usage.prompt_tokens,
  outputTokens: usage.completion_tokens,
  totalTokens: usage.total_tokens,
  ...(usage.completion_tokens_details && {
    reasoningTokens: usage.completion_tokens_details.reasoning_tokens,
  }),
  ...(usage.prompt_tokens_details && {
    cachedInputTokens: usage.prompt_tokens_details.cached_tokens,
  }),
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

/** What one AG-UI stream has open, and the interrupts its RUN_FINISHED will list. */
interface AgUiStream {
  parts: ContentParts;
  /** Tool calls opened by `tool_call_delta` and not ended yet. */
  streamedCalls: Set<string>;
  interrupts: object[];
  errored: boolean;
}

/** What a resume answers an approval interrupt with (its `responseSchema`). */
const APPROVAL_RESPONSE_SCHEMA = {
  type: 'object',
  properties: {
    decision: { enum: APPROVAL_DECISIONS },
    arguments: { type: 'object' },
    reason: { type: 'string' },
  },
  required: ['decision'],
};

/**
 * A call that waits for approval as AG-UI's interrupt (@ag-ui/core 1.x `Interrupt`): its id
 * is the approval token, which a resume sends back as `input.tool_approvals[].approval_token`.
 */
const approvalInterrupt = (event: RunEvent<'tool_approval_required'>) => ({
  id: event.approval_token,
  reason: 'tool_approval',
  message: `The call of ${event.tool_name} waits for approval`,
  toolCallId: event.tool_call_id,
  expiresAt: event.expires_at,
  responseSchema: APPROVAL_RESPONSE_SCHEMA,
  metadata: { tool_name: event.tool_name, tool_type: event.tool_type, arguments: event.arguments },
});

/** Ends the open part and every streamed tool call: AG-UI's verifier wants all closed. */
const closeAll = (stream: AgUiStream) => [
  ...stream.parts.close(),
  ...[...stream.streamedCalls].map((toolCallId) => ({ type: 'TOOL_CALL_END', toolCallId })),
];

function toolCallDelta(stream: AgUiStream, event: RunEvent<'tool_call_delta'>): object[] {
  const { tool_call_id: toolCallId, tool_name: toolCallName, arguments_delta: delta } = event;
  const opening: object[] = [];
  if (!stream.streamedCalls.has(toolCallId)) {
    stream.streamedCalls.add(toolCallId);
    opening.push(...stream.parts.close(), { type: 'TOOL_CALL_START', toolCallId, toolCallName });
  }
  return delta ? [...opening, { type: 'TOOL_CALL_ARGS', toolCallId, delta }] : opening;
}

/** A streamed call ends here; one that was not streamed is sent whole. */
function toolStart(
  stream: AgUiStream,
  event: RunEvent<'tool_start' | 'tool_approval_required'>,
): object[] {
  const toolCallId = event.tool_call_id;
  if (stream.streamedCalls.delete(toolCallId)) return [{ type: 'TOOL_CALL_END', toolCallId }];
  return [
    ...stream.parts.close(),
    { type: 'TOOL_CALL_START', toolCallId, toolCallName: event.tool_name },
    { type: 'TOOL_CALL_ARGS', toolCallId, delta: JSON.stringify(event.arguments) },
    { type: 'TOOL_CALL_END', toolCallId },
  ];
}

const toolCallResult = (event: RunEvent<'tool_result'>) => ({
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
});

/** AG-UI's usage: one entry per model (`by_model`), else one for the run. */
const agUiUsageOf = (event: RunEvent<'done'>) =>
  event.usage.by_model
    ? Object.entries(event.usage.by_model).map(([model, usage]) => ({
        model,
        ...agUiUsage(usage),
      }))
    : [{ ...(event.model && { model: event.model }), ...agUiUsage(event.usage) }];

/** How the run ended, in AG-UI's words: paused at interrupts, cancelled, or a success. */
function outcomeOf(event: RunEvent<'done'>, interrupts: object[]): object {
  if (event.finish_reason === 'approval_required' && interrupts.length > 0)
    return { type: 'interrupt', interrupts };
  return { type: event.finish_reason === 'cancelled' ? 'cancelled' : 'success' };
}

const runFinished = (event: RunEvent<'done'>, interrupts: object[]) => ({
  type: 'RUN_FINISHED',
  threadId: event.trace_id,
  runId: event.run_id,
  outcome: outcomeOf(event, interrupts),
  result: runOutcomeOf(event),
  usage: agUiUsageOf(event),
});

/**
 * Our events as AG-UI events (https://docs.ag-ui.com/concepts/events): RUN_STARTED first
 * (threadId = trace_id), text and reasoning deltas inside START/END pairs, each tool call as
 * TOOL_CALL_START/ARGS/END then TOOL_CALL_RESULT, and RUN_ERROR or RUN_FINISHED (usage in
 * `result` and `usage`; the calls that wait for approval as its interrupts) last. Whatever is open is closed before the run ends, as the AG-UI
 * verifier requires.
 */
function agUiTranslator(): EventTranslator {
  const stream: AgUiStream = {
    parts: new ContentParts(AG_UI_PARTS),
    streamedCalls: new Set(),
    interrupts: [],
    errored: false,
  };
  return translatorOf(
    (event) => ({ type: 'RUN_STARTED', threadId: event.trace_id, runId: event.run_id }),
    {
      tool_thinking: (event) =>
        stream.parts.append('reasoning', event.run_id, (messageId) => ({
          type: 'REASONING_MESSAGE_CONTENT',
          messageId,
          delta: event.content,
        })),
      message_chunk: (event) =>
        stream.parts.append('text', event.run_id, (messageId) => ({
          type: 'TEXT_MESSAGE_CONTENT',
          messageId,
          delta: event.content,
        })),
      tool_call_delta: (event) => toolCallDelta(stream, event),
      tool_start: (event) => toolStart(stream, event),
      tool_result: (event) => [toolCallResult(event)],
      // Open text closes first: the verifier wants each message inside one step.
      step_start: (event) => [
        ...stream.parts.close(),
        { type: 'STEP_STARTED', stepName: event.node, metadata: { node_type: event.node_type } },
      ],
      step_end: (event) => [
        ...stream.parts.close(),
        {
          type: 'STEP_FINISHED',
          stepName: event.node,
          metadata: {
            node_type: event.node_type,
            duration_ms: event.duration_ms,
            status: event.status,
          },
        },
      ],
      // The model's call, as for one that runs; its result is the interrupt's resume.
      tool_approval_required: (event) => {
        stream.interrupts.push(approvalInterrupt(event));
        return toolStart(stream, event);
      },
      error: (event) => {
        stream.errored = true;
        return [
          ...closeAll(stream),
          { type: 'RUN_ERROR', message: event.message, code: event.code },
        ];
      },
      // After RUN_ERROR nothing may follow.
      done: (event) =>
        stream.errored ? [] : [...closeAll(stream), runFinished(event, stream.interrupts)],
    },
  );
}

export const AG_UI_PROTOCOL = {
  name: 'ag-ui',
  headers: {},
  translator: agUiTranslator,
} as const satisfies WireProtocol;
