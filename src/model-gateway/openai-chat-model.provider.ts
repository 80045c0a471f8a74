import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { modelConfig } from '../config/model.config.js';
import { ChatModelProvider, type ModelSettings } from './chat-model.provider.js';
import { createModelFetch } from './model-fetch.js';
import { OpenAiCompatibleChatModel } from './openai-compatible.chat-model.js';

/**
 * The OpenAI client insists on an api key; endpoints without one (local vLLM, Ollama) get
 * this placeholder, whose Authorization header the fetch removes again.
 */
const NO_API_KEY = 'execution-plane-no-api-key';

/** Credentials in base_url (`https://user:pass@host/v1`) become a Basic Authorization header. */
function splitCredentials(baseUrl: string): { url: string; authorization?: string } {
  const url = new URL(baseUrl);
  if (!url.username && !url.password) return { url: baseUrl };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return {
    url: url.toString(),
    authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
  };
}

/** Adapter: LangChain's OpenAI chat model against any OpenAI-compatible endpoint. */
@Injectable()
export class OpenAiChatModelProvider extends ChatModelProvider {
  private readonly fetch: typeof fetch;

  constructor(@Inject(modelConfig.KEY) config: ConfigType<typeof modelConfig>) {
    super();
    this.fetch = createModelFetch({
      maxRetries: config.maxRetries,
      timeoutMs: config.timeoutMs,
      noApiKey: NO_API_KEY,
    });
  }

  create(settings: ModelSettings): BaseChatModel {
    const { url, authorization } = splitCredentials(settings.baseUrl);
    return new OpenAiCompatibleChatModel({
      model: settings.modelName,
      apiKey: settings.apiKey || NO_API_KEY,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      user: settings.user,
      streaming: true,
      streamUsage: true,
      // Retries live in the fetch (model-call.policy.ts), never in LangChain's caller too.
      maxRetries: 0,
      configuration: {
        baseURL: url,
        fetch: this.fetch,
        // The SDK would print raw upstream chunks to the console; failures reach our log,
        // masked, through the run's error instead.
        logLevel: 'off',
        defaultHeaders: {
          'X-Trace-Id': settings.traceId,
          ...(authorization && { Authorization: authorization }),
        },
      },
    });
  }
}
