import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HttpToolSource } from './http/http-tool.source.js';
import { EgressHttpClient } from './egress/egress-http.client.js';
import { UndiciEgressHttpClient } from './egress/undici-egress-http.client.js';
import { McpConnector } from './mcp/mcp-connector.js';
import { McpToolSource } from './mcp/mcp-tool.source.js';
import { SdkMcpConnector } from './mcp/sdk-mcp.connector.js';
import { CalculatorTool } from './native/calculator.tool.js';
import { CurrentTimeTool } from './native/current-time.tool.js';
import { NativeToolRegistry } from './native/native-tool.registry.js';
import { NativeToolSource } from './native/native-tool.source.js';
import { ToolSourceRegistry } from './tool-source.registry.js';
import { ToolsetFactory } from './toolset.factory.js';

/** Tool sources (one per tool type), native tools (one provider line each), egress. */
@Module({
  imports: [DiscoveryModule],
  providers: [
    NativeToolRegistry,
    ToolSourceRegistry,
    ToolsetFactory,
    // Tool sources, one per tool type (ToolSource):
    NativeToolSource,
    HttpToolSource,
    McpToolSource,
    { provide: EgressHttpClient, useClass: UndiciEgressHttpClient },
    { provide: McpConnector, useClass: SdkMcpConnector },
    CurrentTimeTool,
    CalculatorTool,
  ],
  exports: [ToolsetFactory, NativeToolRegistry, EgressHttpClient],
})
export class ToolsModule {}
