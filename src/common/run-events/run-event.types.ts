import type { RunErrorCode } from '../errors/error-code.js';

export const FINISH_REASONS = [
  'stop',
  'length',
  'content_filter',
  'max_iterations',
  'timeout',
  'cancelled',
  'error',
  'budget_exceeded',
  'approval_required',
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
  /** True when some of it is our estimate: a call that stopped before its usage came. */
  estimated?: true;
}

/** A run's usage: with `by_model` when more than one model answered (by model_name). */
export interface RunUsage extends TokenUsage {
  by_model?: Record<string, TokenUsage>;
}

/** What one model's tokens cost at runtime_config.pricing; amounts in `currency`. */
export interface ModelCost {
  input: number;
  cached_input: number;
  output: number;
  total: number;
}

/** A run's cost: its total, and the same breakdown per model. */
export interface RunCost {
  total: number;
  currency: string;
  by_model: Record<string, ModelCost>;
}

/** A model that failed before answering, so the next one was tried. */
export interface TriedModel {
  model: string;
  code: RunErrorCode;
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
  /** A call that waits for a person's approval; the run ends with `approval_required`. */
  tool_approval_required: {
    tool_call_id: string;
    tool_name: string;
    tool_type: ToolType;
    arguments: Record<string, unknown>;
    approval_token: string;
    expires_at: string;
  };
  /** Opt-in (`runtime_config.stream_steps`): a graph node began. */
  step_start: { node: string; node_type: string };
  /** Opt-in (`runtime_config.stream_steps`): that node ended. */
  step_end: {
    node: string;
    node_type: string;
    duration_ms: number;
    status: 'success' | 'error';
  };
  /** Opt-in (`runtime_config.stream_tool_arguments`): a piece of a tool call's JSON arguments. */
  tool_call_delta: { tool_call_id: string; tool_name: string; arguments_delta: string };
  error: { code: RunErrorCode; message: string; retryable: boolean };
  done: {
    finish_reason: FinishReason;
    usage: RunUsage;
    duration_ms: number;
    /** The final answer parsed as JSON, with a JSON response_format. */
    output?: unknown;
    /** With runtime_config.pricing. */
    cost?: RunCost;
    /** With fallback_models: the model_name that gave the final answer, and those that failed. */
    model?: string;
    models_tried?: TriedModel[];
    /**
     * With `approval_required`: the messages the run added to the conversation (OpenAI chat
     * format), ending with the assistant message whose calls wait; append them to resume.
     */
    messages?: unknown[];
    /** A `graph` run paused for approval: where, to send back as `input.graph_state`. */
    graph_state?: PausedGraphState;
  };
}

/**
 * Where a `graph` run paused: the node that waits, the state keys' values, each node's
 * visits, and how many of the conversation's last messages (`done.messages`) are that node's.
 */
export interface PausedGraphState {
  node: string;
  values: Record<string, unknown>;
  visits: Record<string, number>;
  messages: number;
}

export type RunEventType = keyof RunEventFields;

/** An event as a workflow produces it: its type and own fields, not yet stamped. */
export type RunEventBody<T extends RunEventType = RunEventType> = {
  [K in T]: { type: K } & RunEventFields[K];
}[T];

/** What a workflow may emit; `error` and `done` belong to the stream itself. */
export type WorkflowEvent = RunEventBody<
  | 'tool_thinking'
  | 'tool_start'
  | 'tool_result'
  | 'message_chunk'
  | 'tool_call_delta'
  | 'tool_approval_required'
  | 'step_start'
  | 'step_end'
>;

/** The fields every frame carries (PROTOCOL.md section 3, "Common fields"). */
export interface CommonEventFields {
  seq: number;
  run_id: string;
  trace_id: string;
  timestamp: number;
}

export type RunEvent<T extends RunEventType = RunEventType> = RunEventBody<T> & CommonEventFields;
