import type { MessageEvent } from '@nestjs/common';
import type { RunEvent, RunEventBody } from '../../common/run-events/run-event.types.js';
import { translateFrame } from './wire-protocol.js';
import { WIRE_PROTOCOLS, wireProtocolOf } from './wire-protocols.js';

const USAGE = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };

/** Bodies stamped as the run's frames are (seq from 1, one run and trace). */
function stamped(bodies: RunEventBody[]): RunEvent[] {
  return bodies.map((body, index) => ({
    ...body,
    seq: index + 1,
    run_id: 'run-1',
    trace_id: 'trace-1',
    timestamp: 0,
  }));
}

/** Reasoning, text, a streamed tool call, a plain one that fails, more text, the end. */
const TOOL_RUN = stamped([
  { type: 'tool_thinking', content: 'hm' },
  { type: 'message_chunk', content: 'Hi' },
  { type: 'tool_call_delta', tool_call_id: 'a', tool_name: 'calc', arguments_delta: '{"x":' },
  { type: 'tool_call_delta', tool_call_id: 'a', tool_name: 'calc', arguments_delta: '1}' },
  {
    type: 'tool_start',
    tool_call_id: 'a',
    tool_name: 'calc',
    tool_type: 'NATIVE',
    arguments: { x: 1 },
  },
  {
    type: 'tool_result',
    tool_call_id: 'a',
    tool_name: 'calc',
    status: 'success',
    result: 2,
    duration_ms: 1,
  },
  { type: 'tool_start', tool_call_id: 'b', tool_name: 'web', tool_type: 'HTTP', arguments: {} },
  {
    type: 'tool_result',
    tool_call_id: 'b',
    tool_name: 'web',
    status: 'error',
    result: null,
    error: { code: 'timeout', message: 'slow' },
    duration_ms: 1,
  },
  { type: 'message_chunk', content: '!' },
  { type: 'done', finish_reason: 'stop', usage: USAGE, duration_ms: 9 },
]);

/** Text cut off by an error, with a streamed call still open. */
const FAILED_RUN = stamped([
  { type: 'message_chunk', content: 'par' },
  { type: 'tool_call_delta', tool_call_id: 'c', tool_name: 'calc', arguments_delta: '{' },
  { type: 'error', code: 'upstream_unavailable', message: 'upstream broke', retryable: true },
  { type: 'done', finish_reason: 'error', usage: USAGE, duration_ms: 9 },
]);

function translated(name: string, events: RunEvent[]): unknown[] {
  const translate = wireProtocolOf(name).translator?.();
  if (!translate) throw new Error(`${name} has no translator`);
  return events.flatMap((event) => translate(event));
}

describe('AG-UI translation', () => {
  it('frames reasoning, text and both kinds of tool call, each opened part closed', () => {
    expect(translated('ag-ui', TOOL_RUN)).toEqual([
      { type: 'RUN_STARTED', threadId: 'trace-1', runId: 'run-1' },
      { type: 'REASONING_START', messageId: 'run-1:reasoning:1' },
      { type: 'REASONING_MESSAGE_START', messageId: 'run-1:reasoning:1', role: 'reasoning' },
      { type: 'REASONING_MESSAGE_CONTENT', messageId: 'run-1:reasoning:1', delta: 'hm' },
      { type: 'REASONING_MESSAGE_END', messageId: 'run-1:reasoning:1' },
      { type: 'REASONING_END', messageId: 'run-1:reasoning:1' },
      { type: 'TEXT_MESSAGE_START', messageId: 'run-1:text:2', role: 'assistant' },
      { type: 'TEXT_MESSAGE_CONTENT', messageId: 'run-1:text:2', delta: 'Hi' },
      { type: 'TEXT_MESSAGE_END', messageId: 'run-1:text:2' },
      { type: 'TOOL_CALL_START', toolCallId: 'a', toolCallName: 'calc' },
      { type: 'TOOL_CALL_ARGS', toolCallId: 'a', delta: '{"x":' },
      { type: 'TOOL_CALL_ARGS', toolCallId: 'a', delta: '1}' },
      { type: 'TOOL_CALL_END', toolCallId: 'a' },
      {
        type: 'TOOL_CALL_RESULT',
        messageId: 'a:result',
        toolCallId: 'a',
        role: 'tool',
        content: '2',
      },
      { type: 'TOOL_CALL_START', toolCallId: 'b', toolCallName: 'web' },
      { type: 'TOOL_CALL_ARGS', toolCallId: 'b', delta: '{}' },
      { type: 'TOOL_CALL_END', toolCallId: 'b' },
      {
        type: 'TOOL_CALL_RESULT',
        messageId: 'b:result',
        toolCallId: 'b',
        role: 'tool',
        content: '{"error":{"code":"timeout","message":"slow"}}',
      },
      { type: 'TEXT_MESSAGE_START', messageId: 'run-1:text:3', role: 'assistant' },
      { type: 'TEXT_MESSAGE_CONTENT', messageId: 'run-1:text:3', delta: '!' },
      { type: 'TEXT_MESSAGE_END', messageId: 'run-1:text:3' },
      {
        type: 'RUN_FINISHED',
        threadId: 'trace-1',
        runId: 'run-1',
        outcome: { type: 'success' },
        result: { finish_reason: 'stop', usage: USAGE, duration_ms: 9 },
        usage: [{ inputTokens: 3, outputTokens: 2, totalTokens: 5 }],
      },
    ]);
  });

  it('closes what is open before RUN_ERROR and sends nothing for the done after it', () => {
    expect(translated('ag-ui', FAILED_RUN)).toEqual([
      { type: 'RUN_STARTED', threadId: 'trace-1', runId: 'run-1' },
      { type: 'TEXT_MESSAGE_START', messageId: 'run-1:text:1', role: 'assistant' },
      { type: 'TEXT_MESSAGE_CONTENT', messageId: 'run-1:text:1', delta: 'par' },
      { type: 'TEXT_MESSAGE_END', messageId: 'run-1:text:1' },
      { type: 'TOOL_CALL_START', toolCallId: 'c', toolCallName: 'calc' },
      { type: 'TOOL_CALL_ARGS', toolCallId: 'c', delta: '{' },
      { type: 'TOOL_CALL_END', toolCallId: 'c' },
      { type: 'RUN_ERROR', message: 'upstream broke', code: 'upstream_unavailable' },
    ]);
  });
});

describe('AI SDK translation', () => {
  it('frames parts, tool input and output, and finishes with usage then [DONE]', () => {
    expect(translated('ai-sdk', TOOL_RUN)).toEqual([
      { type: 'start', messageId: 'run-1' },
      { type: 'reasoning-start', id: 'reasoning-1' },
      { type: 'reasoning-delta', id: 'reasoning-1', delta: 'hm' },
      { type: 'reasoning-end', id: 'reasoning-1' },
      { type: 'text-start', id: 'text-2' },
      { type: 'text-delta', id: 'text-2', delta: 'Hi' },
      { type: 'text-end', id: 'text-2' },
      { type: 'tool-input-start', toolCallId: 'a', toolName: 'calc' },
      { type: 'tool-input-delta', toolCallId: 'a', inputTextDelta: '{"x":' },
      { type: 'tool-input-delta', toolCallId: 'a', inputTextDelta: '1}' },
      { type: 'tool-input-available', toolCallId: 'a', toolName: 'calc', input: { x: 1 } },
      { type: 'tool-output-available', toolCallId: 'a', output: 2 },
      { type: 'tool-input-available', toolCallId: 'b', toolName: 'web', input: {} },
      { type: 'tool-output-error', toolCallId: 'b', errorText: 'slow' },
      { type: 'text-start', id: 'text-3' },
      { type: 'text-delta', id: 'text-3', delta: '!' },
      { type: 'text-end', id: 'text-3' },
      {
        type: 'finish',
        finishReason: 'stop',
        messageMetadata: { run_id: 'run-1', finish_reason: 'stop', usage: USAGE, duration_ms: 9 },
      },
      '[DONE]',
    ]);
  });

  it('ends the open text before a tool call, and still finishes after an error', () => {
    expect(translated('ai-sdk', FAILED_RUN)).toEqual([
      { type: 'start', messageId: 'run-1' },
      { type: 'text-start', id: 'text-1' },
      { type: 'text-delta', id: 'text-1', delta: 'par' },
      { type: 'text-end', id: 'text-1' },
      { type: 'tool-input-start', toolCallId: 'c', toolName: 'calc' },
      { type: 'tool-input-delta', toolCallId: 'c', inputTextDelta: '{' },
      { type: 'error', errorText: 'upstream broke' },
      expect.objectContaining({ type: 'finish', finishReason: 'error' }),
      '[DONE]',
    ]);
  });
});

describe('wire protocols', () => {
  it('lists every protocol once and refuses an unknown name naming the known ones', () => {
    expect(WIRE_PROTOCOLS).toEqual(['native', 'ag-ui', 'ai-sdk']);
    expect(wireProtocolOf(undefined).name).toBe('native');
    expect(() => wireProtocolOf('grpc')).toThrow('protocol must be one of: native, ag-ui, ai-sdk');
  });

  it('rebuilds a resumed stream from seq 1 and sends only the frames after the resume point', () => {
    const translate = wireProtocolOf('ai-sdk').translator?.();
    if (!translate) throw new Error('ai-sdk has no translator');
    const frames: MessageEvent[] = TOOL_RUN.map((event) => ({
      id: String(event.seq),
      data: JSON.stringify(event),
    }));
    const sent = frames.flatMap((frame) => translateFrame(frame, translate, 8));
    // The text part opened after seq 8 is numbered as in the whole stream: state was rebuilt.
    expect(sent.map((frame) => [frame.id, frame.data])).toEqual([
      ['9', JSON.stringify({ type: 'text-start', id: 'text-3' })],
      ['9', JSON.stringify({ type: 'text-delta', id: 'text-3', delta: '!' })],
      ['10', JSON.stringify({ type: 'text-end', id: 'text-3' })],
      ['10', expect.stringContaining('"type":"finish"')],
      ['10', '[DONE]'],
    ]);
  });
});
