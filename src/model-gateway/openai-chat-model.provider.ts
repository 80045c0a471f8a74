import { createHash } from 'node:crypto';
import type { BaseMessage } from '@langchain/core/messages';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { modelConfig } from '../config/model.config.js';
import {
  ChatModelProvider,
  type ModelSettings,
  type ModelToolDefinition,
  type RunChatModel,
  type TurnOptions,
} from './chat-model.provider.js';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import { createModelFetch, type ModelFetch } from './model-fetch.js';
import { OpenAiCompatibleChatModel } from './openai-compatible.chat-model.js';

/**
 * The OpenAI client insists on an api key; endpoints without one (local vLLM, Ollama) get
 * this placeholder, whose Authorization header the fetch removes again.
 */
const NO_API_KEY = 'execution-plane-no-api-key';
/** Model clients kept for reuse, by endpoint, key and sampling settings; the oldest go first. */
export const MODEL_CLIENT_CACHE_ENTRIES = 128;

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

/**
 * Adapter: LangChain's OpenAI chat model against any OpenAI-compatible endpoint. A client
 * (and its SDK object tree and connection pool) is built once per endpoint, key and sampling
 * settings and reused by every run; what differs per run (X-Trace-Id, `user`, tools) is
 * bound to the call, never stored in the shared client.
 */
@Injectable()
export class OpenAiChatModelProvider extends ChatModelProvider implements OnModuleDestroy {
  private readonly modelFetch: ModelFetch;
  private readonly clients = new Map<string, OpenAiCompatibleChatModel>();

  constructor(
    @Inject(modelConfig.KEY) config: ConfigType<typeof modelConfig>,
    private readonly metrics: RunMetrics,
  ) {
    super();
    this.modelFetch = createModelFetch({
      maxRetries: config.maxRetries,
      timeoutMs: config.timeoutMs,
      noApiKey: NO_API_KEY,
    });
  }

  create(settings: ModelSettings, tools: ModelToolDefinition[] = []): RunChatModel {
    const client = this.client(settings);
    // Call options, not client settings: LangChain forwards `headers` to the SDK request.
    const perRun = { headers: { 'X-Trace-Id': settings.traceId }, user: settings.user };
    const model =
      tools.length > 0
        ? client.bindTools(tools, perRun as never)
        : client.withConfig(perRun as never);
    // The same call options for the fast path; the tools are already in OpenAI's format.
    const callOptions = { ...perRun, ...(tools.length > 0 && { tools }) };
    return Object.assign(model, {
      streamTurn: (messages: BaseMessage[], options: TurnOptions) =>
        client.streamPieces(messages, { ...callOptions, ...options } as never),
    }) as unknown as RunChatModel;
  }

  async onModuleDestroy(): Promise<void> {
    await this.modelFetch.close();
  }

  private client(settings: ModelSettings): OpenAiCompatibleChatModel {
    const { modelName, baseUrl, apiKey, temperature, maxTokens } = settings;
    // Hashed so the map holds no api key in its keys.
    const key = createHash('sha256')
      .update(JSON.stringify([modelName, baseUrl, apiKey, temperature, maxTokens]))
      .digest('base64');
    let client = this.clients.get(key);
    if (client) {
      this.clients.delete(key);
    } else {
      client = this.build(settings);
      if (this.clients.size >= MODEL_CLIENT_CACHE_ENTRIES)
        this.clients.delete(this.clients.keys().next().value as string);
    }
    this.clients.set(key, client);
    return client;
  }

  private build(settings: ModelSettings): OpenAiCompatibleChatModel {
    const { url, authorization } = splitCredentials(settings.baseUrl);
    const model = new OpenAiCompatibleChatModel({
      model: settings.modelName,
      apiKey: settings.apiKey || NO_API_KEY,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      streaming: true,
      streamUsage: true,
      // Retries live in the fetch (model-call.policy.ts), never in LangChain's caller too.
      maxRetries: 0,
      configuration: {
        baseURL: url,
        fetch: this.modelFetch.fetch,
        // The SDK would print raw upstream chunks to the console; failures reach our log,
        // masked, through the run's error instead.
        logLevel: 'off',
        ...(authorization && { defaultHeaders: { Authorization: authorization } }),
      },
    });
    model.observeCall = (durationMs, outcome) => this.metrics.modelCall(durationMs, outcome);
    return model;
  }
}
