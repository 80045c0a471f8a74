import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HttpToolExecutor } from './http/http-tool.executor.js';
import { PluginHttpClient } from './http/plugin-http.client.js';
import { UndiciPluginHttpClient } from './http/undici-plugin-http.client.js';
import { CalculatorTool } from './native/calculator.tool.js';
import { CurrentTimeTool } from './native/current-time.tool.js';
import { NativeToolRegistry } from './native/native-tool.registry.js';
import { ToolsetFactory } from './toolset.factory.js';

/** Native tools (one provider line each) and HTTP plugins. */
@Module({
  imports: [DiscoveryModule],
  providers: [
    NativeToolRegistry,
    ToolsetFactory,
    HttpToolExecutor,
    { provide: PluginHttpClient, useClass: UndiciPluginHttpClient },
    CurrentTimeTool,
    CalculatorTool,
  ],
  exports: [ToolsetFactory, NativeToolRegistry],
})
export class ToolsModule {}
