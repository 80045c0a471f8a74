import type { RunErrorCode } from '../errors/error-code.js';

export const FINISH_REASONS = [
  'stop',
  'length',
  'content_filter',
  'max_iterations',
  'timeout',
  'cancelled',
  'error',
] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

export const TOOL_TYPES = ['NATIVE', 'HTTP', 'MCP'] as const;
export type ToolType = (typeof TOOL_TYPES)[number];

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** Present when a provider reported cached prompt tokens (PROTOCOL.md, `done` fields). */
  prompt_tokens_details?: { cached_tokens: number };
  /** Present when a provider reported reasoning tokens. */
  completion_tokens_details?: { reasoning_tokens: number };
}

export interface ToolErrorInfo {
  code: string;
  message: string;
}

/** The one typed map of run events (PROTOCOL.md section 3): event name to its own fields. */
export interface RunEventFields {
  tool_thinking: { content: string };
  tool_start: {
    tool_call_id: string;
    tool_name: string;
    tool_type: ToolType;
    arguments: Record<string, unknown>;
  };
  tool_result: {
    tool_call_id: string;
    tool_name: string;
    status: 'success' | 'error';
    result: unknown;
    error?: ToolErrorInfo;
    duration_ms: number;
  };
  message_chunk: { content: string };
  /** Opt-in (`runtime_config.stream_tool_arguments`): a piece of a tool call's JSON arguments. */
  tool_call_delta: { tool_call_id: string; tool_name: string; arguments_delta: string };
  error: { code: RunErrorCode; message: string; retryable: boolean };
  done: { finish_reason: FinishReason; usage: TokenUsage; duration_ms: number };
}

export type RunEventType = keyof RunEventFields;

/** An event as a workflow produces it: its type and own fields, not yet stamped. */
export type RunEventBody<T extends RunEventType = RunEventType> = {
  [K in T]: { type: K } & RunEventFields[K];
}[T];

/** What a workflow may emit; `error` and `done` belong to the stream itself. */
export type WorkflowEvent = RunEventBody<
  'tool_thinking' | 'tool_start' | 'tool_result' | 'message_chunk' | 'tool_call_delta'
>;

/** The fields every frame carries (PROTOCOL.md section 3, "Common fields"). */
export interface CommonEventFields {
  seq: number;
  run_id: string;
  trace_id: string;
  timestamp: number;
}

export type RunEvent<T extends RunEventType = RunEventType> = RunEventBody<T> & CommonEventFields;
