import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import type { TurnPiece } from './dialects/completion-stream.reader.js';
import type { ModelCallListener } from './model-call.listener.js';
import type { ModelRequest } from './model-request.js';

/** One model a run may call (from `runtime_config.model` or a fallback model). */
export interface ModelSettings {
  modelName: string;
  baseUrl: string;
  apiKey?: string;
  /** The request fields and headers the model's config sets (model-request.ts). */
  request: ModelRequest;
}

/** What a run asks of the model gateway (from `runtime_config` and `task_meta`). */
export interface RunModelSettings {
  /** The run's model, then its fallbacks (`runtime_config.fallback_models`), in order. */
  models: readonly ModelSettings[];
  /** Told about every call (the run's account). */
  listener?: ModelCallListener;
  /** Sent as the OpenAI `user` field. */
  user?: string;
  /** Sent as `X-Trace-Id` on every upstream request. */
  traceId: string;
}

/** A tool as the model sees it (OpenAI function format). */
export interface ModelToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** Options of one `streamTurn` call: the run's signal, and a format for a quiet decision. */
export interface TurnOptions {
  signal?: AbortSignal;
  /** OpenAI's `response_format` (structured outputs), sent as it is. */
  response_format?: Record<string, unknown>;
}

/**
 * Takes each piece of a turn as it arrives; a promise it returns holds the model's stream until
 * it settles (the run's readers are behind: TCP backpressure reaches the model).
 */
export type PieceSink = (piece: TurnPiece) => Promise<unknown> | undefined;

/**
 * The run's model: a LangChain chat model (messages in, the streamed answer out), and
 * `streamTurn`: the same call with its pieces pushed to `onPiece`, without LangChain's
 * per-token machinery, resolving to the whole message (how the workflow kit calls it;
 * docs/performance.md).
 */
export type RunChatModel = Runnable<BaseMessage[], AIMessageChunk> & {
  streamTurn(
    messages: BaseMessage[],
    options: TurnOptions,
    onPiece: PieceSink,
  ): Promise<AIMessageChunk>;
};

/**
 * Port: the chat model of one run, with its tools bound. Its calls stream, fall back to the
 * next model when one fails before answering, tell the listener what they spend, and throw
 * RunErrors with protocol codes when the endpoint fails.
 */
export abstract class ChatModelProvider {
  abstract create(settings: RunModelSettings, tools?: ModelToolDefinition[]): RunChatModel;
}
