import { createHash } from 'node:crypto';
import type { BaseMessage } from '@langchain/core/messages';
import { trace } from '@opentelemetry/api';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { modelConfig } from '../config/model.config.js';
import {
  ChatModelProvider,
  type ModelSettings,
  type ModelToolDefinition,
  type PieceSink,
  type RunChatModel,
  type RunModelSettings,
  type TurnOptions,
} from './chat-model.provider.js';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import { SERVICE_NAME, SERVICE_VERSION } from '../health/service-version.js';
import type { CompletionEndpoint } from './completion-stream.js';
import { createModelTransport, type ModelTransport } from './model-transport.js';
import { withModelFallbacks } from './model-fallbacks.js';
import { OpenAiCompatibleChatModel } from './openai-compatible.chat-model.js';

/**
 * LangChain's model insists on an api key, though it never sends it (readCompletion does,
 * when the payload has one); endpoints without one (local vLLM, Ollama) get this.
 */
const NO_API_KEY = 'execution-plane-no-api-key';
/** Some gateways refuse requests without a User-Agent. */
const USER_AGENT = `${SERVICE_NAME}/${SERVICE_VERSION}`;
/** Model clients kept for reuse, by endpoint, key and request settings; the oldest go first. */
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
 * `<base_url>/chat/completions` and the headers of every request to it: the api key as a
 * Bearer token, or Basic credentials from base_url, which win as they did in the OpenAI SDK.
 */
function completionEndpoint(settings: ModelSettings): CompletionEndpoint {
  const { url, authorization } = splitCredentials(settings.baseUrl);
  const credentials = authorization ?? (settings.apiKey ? `Bearer ${settings.apiKey}` : undefined);
  return {
    url: `${url.replace(/\/+$/, '')}/chat/completions`,
    headers: {
      // The config's own headers first: the ones we own cannot be among them (validated).
      ...settings.request.headers,
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'user-agent': USER_AGENT,
      ...(credentials && { authorization: credentials }),
    },
  };
}

/**
 * Adapter: LangChain's OpenAI chat model against any OpenAI-compatible endpoint. A client
 * (LangChain's object tree and its endpoint's URL and headers) is built once per endpoint,
 * key and request settings and reused by every run, over one transport whose pools every
 * client shares; what differs per run (X-Trace-Id, `user`, tools) is bound to the call,
 * never stored in the shared client.
 */
@Injectable()
export class OpenAiChatModelProvider extends ChatModelProvider implements OnModuleDestroy {
  private readonly transport: ModelTransport;
  private readonly clients = new Map<string, OpenAiCompatibleChatModel>();

  constructor(
    @Inject(modelConfig.KEY) config: ConfigType<typeof modelConfig>,
    private readonly metrics: RunMetrics,
  ) {
    super();
    this.transport = createModelTransport({
      maxRetries: config.maxRetries,
      timeoutMs: config.timeoutMs,
    });
  }

  create(settings: RunModelSettings, tools: ModelToolDefinition[] = []): RunChatModel {
    const models = settings.models.map((model) => this.bound(model, settings, tools));
    return withModelFallbacks(models, (code) => {
      this.metrics.modelFallback(code);
      // The run's span: the failed call's own span has ended.
      trace.getActiveSpan()?.addEvent('execution_plane.model_fallback', { 'error.type': code });
    });
  }

  /** One model's shared client with what this run binds to its calls. */
  private bound(
    model: ModelSettings,
    settings: RunModelSettings,
    tools: ModelToolDefinition[],
  ): RunChatModel {
    const client = this.client(model);
    // Call options, not client settings: LangChain forwards `headers` to the SDK request.
    const perRun = {
      headers: { 'X-Trace-Id': settings.traceId },
      user: settings.user,
      callListener: settings.listener,
    };
    const bound =
      tools.length > 0
        ? client.bindTools(tools, perRun as never)
        : client.withConfig(perRun as never);
    // The same call options for the fast path; the tools are already in OpenAI's format.
    const callOptions = { ...perRun, ...(tools.length > 0 && { tools }) };
    return Object.assign(bound, {
      streamTurn: (messages: BaseMessage[], options: TurnOptions, onPiece: PieceSink) =>
        client.streamTurn(messages, { ...callOptions, ...options } as never, onPiece),
    }) as unknown as RunChatModel;
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport.close();
  }

  private client(settings: ModelSettings): OpenAiCompatibleChatModel {
    const { modelName, baseUrl, apiKey, request } = settings;
    // Hashed so the map holds no api key (nor a vault value of a header) in its keys.
    const key = createHash('sha256')
      .update(JSON.stringify([modelName, baseUrl, apiKey, request]))
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
    const model = new OpenAiCompatibleChatModel(
      {
        model: settings.modelName,
        apiKey: settings.apiKey || NO_API_KEY,
        streamUsage: true,
        // Retries live in the transport (model-call.policy.ts), never in LangChain's caller too.
        maxRetries: 0,
      },
      {
        transport: this.transport,
        endpoint: completionEndpoint(settings),
        request: settings.request,
      },
    );
    model.observeCall = (durationMs, outcome) => this.metrics.modelCall(durationMs, outcome);
    return model;
  }
}
