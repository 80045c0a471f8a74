import { Injectable } from '@nestjs/common';
import { EgressHttpClient } from '../egress/egress-http.client.js';
import { McpConnector, type McpServerAddress, type McpSession } from './mcp-connector.js';

/**
 * Adapter over the official MCP TypeScript SDK (sdk-mcp.session.ts). The SDK is loaded by the
 * first MCP session, not at boot: most processes' runs never use MCP, and it costs ~7 MB of
 * RSS (docs/performance.md, "Memory").
 */
@Injectable()
export class SdkMcpConnector extends McpConnector {
  constructor(private readonly http: EgressHttpClient) {
    super();
  }

  async connect(server: McpServerAddress, signal: AbortSignal): Promise<McpSession> {
    const { openSdkMcpSession } = await import('./sdk-mcp.session.js');
    return openSdkMcpSession(server, signal, this.http);
  }
}
