import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HttpToolExecutor } from './http/http-tool.executor.js';
import { PluginHttpClient } from './http/plugin-http.client.js';
import { UndiciPluginHttpClient } from './http/undici-plugin-http.client.js';
import { McpConnector } from './mcp/mcp-connector.js';
import { McpToolSource } from './mcp/mcp-tool.source.js';
import { SdkMcpConnector } from './mcp/sdk-mcp.connector.js';
import { CalculatorTool } from './native/calculator.tool.js';
import { CurrentTimeTool } from './native/current-time.tool.js';
import { NativeToolRegistry } from './native/native-tool.registry.js';
import { ToolsetFactory } from './toolset.factory.js';

/** Native tools (one provider line each), HTTP plugins and MCP servers. */
@Module({
  imports: [DiscoveryModule],
  providers: [
    NativeToolRegistry,
    ToolsetFactory,
    HttpToolExecutor,
    { provide: PluginHttpClient, useClass: UndiciPluginHttpClient },
    McpToolSource,
    { provide: McpConnector, useClass: SdkMcpConnector },
    CurrentTimeTool,
    CalculatorTool,
  ],
  exports: [ToolsetFactory, NativeToolRegistry],
})
export class ToolsModule {}
