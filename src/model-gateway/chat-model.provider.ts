import type { BaseChatModel } from '@langchain/core/language_models/chat_models';

/** What a run asks of the model gateway (from `runtime_config.model` and `task_meta`). */
export interface ModelSettings {
  modelName: string;
  baseUrl: string;
  apiKey?: string;
  temperature?: number;
  maxTokens?: number;
  /** Sent as the OpenAI `user` field. */
  user?: string;
  /** Sent as `X-Trace-Id` on every upstream request. */
  traceId: string;
}

/**
 * Port: builds the chat model of one run. Its models stream, report usage, and throw
 * RunErrors with protocol codes when the endpoint fails.
 */
export abstract class ChatModelProvider {
  abstract create(settings: ModelSettings): BaseChatModel;
}
