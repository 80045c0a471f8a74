import { Injectable } from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { PluginHttpClient } from '../http/plugin-http.client.js';
import type { JsonSchema } from '../tool.types.js';
import {
  MAX_MCP_TOOLS_PER_SERVER,
  McpConnector,
  type McpServerAddress,
  type McpSession,
  type McpToolInfo,
} from './mcp-connector.js';

const CLIENT_INFO = { name: 'execution-plane', version: '1' };

/**
 * Adapter over the official MCP TypeScript SDK: Streamable HTTP transport whose requests go
 * through the plugins' policy-checked fetch (the same network policy as HTTP plugins).
 */
@Injectable()
export class SdkMcpConnector extends McpConnector {
  constructor(private readonly http: PluginHttpClient) {
    super();
  }

  async connect(server: McpServerAddress, signal: AbortSignal): Promise<McpSession> {
    const transport = new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: server.headers },
      fetch: (url, init) => this.http.fetch(url, init),
    });
    const client = new Client(CLIENT_INFO);
    const options = { signal, timeout: server.timeoutMs };
    try {
      await client.connect(transport, options);
      const tools = await this.listTools(client, options);
      return {
        tools,
        call: async (name, args, { signal: callSignal, timeoutMs }) =>
          (await client.callTool({ name, arguments: args }, undefined, {
            signal: callSignal,
            timeout: timeoutMs,
          })) as Awaited<ReturnType<McpSession['call']>>,
        close: () => client.close(),
      };
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  private async listTools(
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
}
