import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Agent, type Dispatcher, ProxyAgent, request, fetch as undiciFetch } from 'undici';
import { Deadline } from '../../common/async/deadline.js';
import { outsideRuns } from '../../common/async/outside-runs.js';
import { errorCauses } from '../../common/errors/error-causes.js';
import { toolsConfig } from '../../config/tools.config.js';
import { startHttpClientSpan } from '../../telemetry/http-client-span.js';
import { ToolError } from '../tool.error.js';
import { ForbiddenDestinationError } from './forbidden-destination.error.js';
import { checkDestination, createGuardedConnector } from './guarded-connector.js';
import { NetworkPolicy } from './network-policy.js';
import { EgressHttpClient, type EgressCall, type EgressResponse } from './egress-http.client.js';
import { nextHop } from './redirect-hop.js';
import { readCapped } from './read-capped.js';

/** Keep-alive sockets per origin, shared by every run of this process. */
const KEEP_ALIVE_TIMEOUT_MS = 10_000;
/** Redirects followed per call; each hop is checked by the network policy again. */
export const MAX_REDIRECTS = 3;

/** A fetch init's headers as a plain record (the MCP SDK passes a Headers object). */
function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries(new Headers(headers ?? {}).entries());
}

function failure(error: unknown, call: EgressCall, deadline: Deadline): ToolError {
  if (error instanceof ToolError) return error;
  const forbidden = errorCauses(error).find((link) => link instanceof ForbiddenDestinationError);
  if (forbidden)
    return new ToolError('forbidden_destination', `Destination not allowed: ${forbidden.message}`);
  if (call.signal.aborted)
    return new ToolError('cancelled', 'The run was stopped', { cause: error });
  if (deadline.expired) {
    return new ToolError('timeout', `The plugin did not answer within ${call.timeoutMs} ms`, {
      cause: error,
    });
  }
  return new ToolError('execution_failed', 'The plugin could not be reached or broke off', {
    cause: error,
  });
}

/**
 * Adapter: plugin calls over undici. The network policy is enforced by the agent's connector
 * at connect time; redirects are followed here (at most MAX_REDIRECTS), so every hop opens its
 * connection through that same check. With HTTP_TOOL_PROXY_URL the calls leave through the
 * proxy, and the policy is applied to each hop's address before it is sent (the proxy
 * resolves names itself, so it must enforce egress too; see docs/http-plugins.md).
 */
@Injectable()
export class UndiciEgressHttpClient extends EgressHttpClient implements OnModuleDestroy {
  private readonly dispatcher: Dispatcher;
  private readonly policy: NetworkPolicy;
  private readonly proxied: boolean;

  constructor(@Inject(toolsConfig.KEY) config: ConfigType<typeof toolsConfig>) {
    super();
    this.policy = new NetworkPolicy(config.allowedHosts);
    this.proxied = config.proxyUrl !== undefined;
    this.dispatcher = config.proxyUrl
      ? new ProxyAgent({ uri: config.proxyUrl, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS })
      : new Agent({
          keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
          connect: outsideRuns(createGuardedConnector(this.policy)),
        });
  }

  async fetch(url: string | URL, init?: RequestInit): Promise<Response> {
    const span = startHttpClientSpan(
      init?.method ?? 'GET',
      String(url),
      headerRecord(init?.headers),
    );
    try {
      if (this.proxied) await checkDestination(this.policy, String(url));
      const options = {
        ...init,
        headers: span.headers,
        redirect: 'error',
        dispatcher: this.dispatcher,
      };
      const response = (await undiciFetch(url, options as never)) as unknown as Response;
      span.end({ status: response.status });
      return response;
    } catch (error) {
      span.end({ error: error instanceof Error ? error.name : 'error' });
      throw error;
    }
  }

  async send(call: EgressCall): Promise<EgressResponse> {
    const deadline = new Deadline(call.signal, call.timeoutMs);
    const { signal } = deadline;
    try {
      let hop: EgressCall = call;
      for (let redirects = 0; ; redirects += 1) {
        if (this.proxied) await checkDestination(this.policy, hop.url);
        const span = startHttpClientSpan(hop.method, hop.url, {
          ...(hop.body !== undefined && { 'content-type': 'application/json' }),
          ...hop.headers,
        });
        const response = await request(hop.url, {
          method: hop.method,
          headers: span.headers,
          body: hop.body === undefined ? undefined : JSON.stringify(hop.body),
          signal,
          dispatcher: this.dispatcher,
        }).catch((error: unknown) => {
          span.end({ error: error instanceof Error ? error.name : 'error' });
          throw error;
        });
        span.end({ status: response.statusCode });
        const next = nextHop(hop, response.statusCode, response.headers.location);
        if (!next) return await this.read(response, call.maxResponseBytes);
        await response.body.dump();
        if (redirects >= MAX_REDIRECTS)
          throw new ToolError(
            'http_error',
            `The plugin redirected more than ${MAX_REDIRECTS} times`,
          );
        hop = next;
      }
    } catch (error) {
      throw failure(error, call, deadline);
    } finally {
      deadline.clear();
    }
  }

  private async read(response: Dispatcher.ResponseData, maxBytes: number): Promise<EgressResponse> {
    const read = await readCapped(response.body, maxBytes);
    const declared = Number(response.headers['content-length']);
    return {
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: read.body,
      truncated: read.truncated,
      totalBytes: Number.isFinite(declared) && declared > read.bytes ? declared : read.bytes,
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.close();
  }
}
