import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { EgressHttpClient } from '../egress/egress-http.client.js';
import type { JsonSchema } from '../tool.types.js';
import { cappedResponse, McpAnswerTooLargeError } from './capped-response.js';
import {
  MAX_MCP_TOOLS_PER_SERVER,
  type McpCallResult,
  McpHttpStatusError,
  McpProtocolError,
  type McpServerAddress,
  type McpSession,
  type McpToolInfo,
} from './mcp-connector.js';
import { endMcpSession } from './mcp-session.end.js';
import { TrackedTransport } from './tracked.transport.js';

const CLIENT_INFO = { name: 'execution-plane', version: '1' };

/**
 * The requests in flight on one session. The SDK does not fail a request whose answer breaks
 * off (it waits for its timeout), so an oversized answer fails them all, with that reason.
 *
 * Each request gets a signal of its own that follows the run's only while the request is in
 * flight: the SDK never removes its abort listener, so a signal shared with finished requests
 * would make it send `notifications/cancelled` for every one of them when the run stops.
 */
class InFlightRequests {
  private readonly controllers = new Set<AbortController>();

  constructor(private readonly oversized: McpAnswerTooLargeError) {}

  failAll(): void {
    for (const controller of this.controllers) controller.abort(this.oversized);
  }

  async run<T>(outer: AbortSignal, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const follow = () => controller.abort(outer.reason);
    if (outer.aborted) follow();
    else outer.addEventListener('abort', follow, { once: true });
    this.controllers.add(controller);
    try {
      return await request(controller.signal);
    } catch (error) {
      // The SDK reports our abort as an error of its own; the cap's reason is the real one.
      if (controller.signal.reason === this.oversized) throw this.oversized;
      throw error instanceof McpError
        ? new McpProtocolError(error.code, error.code === Number(ErrorCode.RequestTimeout))
        : error;
    } finally {
      outer.removeEventListener('abort', follow);
      this.controllers.delete(controller);
    }
  }
}

/**
 * One run's session with an MCP server over the official TypeScript SDK: Streamable HTTP
 * transport whose requests go through the plugins' policy-checked fetch (the same network
 * policy as HTTP plugins), with every answer capped like a plugin's. A session ends with the
 * cancellations of its aborted requests, then the spec's DELETE (endMcpSession). The SDK's
 * errors stay here: McpError becomes McpProtocolError, StreamableHTTPError McpHttpStatusError.
 */
export async function openSdkMcpSession(
  server: McpServerAddress,
  signal: AbortSignal,
  http: EgressHttpClient,
): Promise<McpSession> {
  const inFlight = new InFlightRequests(new McpAnswerTooLargeError(server.maxResponseBytes));
  const transport = new TrackedTransport(new URL(server.url), {
    requestInit: { headers: server.headers },
    fetch: async (url, init) =>
      cappedResponse(await http.fetch(url, init), server.maxResponseBytes, () =>
        inFlight.failAll(),
      ),
  });
  const client = new Client(CLIENT_INFO);
  try {
    const tools = await inFlight.run(signal, async (listingSignal) => {
      const options = { signal: listingSignal, timeout: server.timeoutMs };
      await client.connect(transport, options);
      return listTools(client, options);
    });
    return {
      tools,
      call: (name, args, { signal: callSignal, timeoutMs }) =>
        inFlight.run(
          callSignal,
          async (requestSignal) =>
            (await client.callTool({ name, arguments: args }, undefined, {
              signal: requestSignal,
              timeout: timeoutMs,
            })) as McpCallResult,
        ),
      close: () => endMcpSession(client, transport),
    };
  } catch (error) {
    await endMcpSession(client, transport);
    // The SDK's own error class stays in this adapter; its message quotes the answer body.
    if (error instanceof StreamableHTTPError && typeof error.code === 'number')
      throw new McpHttpStatusError(error.code);
    throw error;
  }
}

async function listTools(
  client: Client,
  options: { signal: AbortSignal; timeout: number },
): Promise<McpToolInfo[]> {
  const tools: McpToolInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {}, options);
    for (const tool of page.tools)
      tools.push({
        name: tool.name,
        description: tool.description,
        inputSchema: tool.inputSchema as JsonSchema,
      });
    cursor = page.nextCursor;
  } while (cursor && tools.length <= MAX_MCP_TOOLS_PER_SERVER);
  return tools;
}
