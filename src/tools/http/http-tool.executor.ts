import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { toolsConfig } from '../../config/tools.config.js';
import type { ToolSpecDto } from '../../payload/dto/tool-spec.dto.js';
import type { RunTool, ToolContext } from '../tool.types.js';
import { PluginHttpClient } from './plugin-http.client.js';
import { buildPluginRequest } from './plugin-request.builder.js';
import { interpretPluginResponse } from './plugin-response.js';

/** Turns an HTTP ToolSpec into a RunTool that calls the plugin (PROTOCOL.md section 2). */
@Injectable()
export class HttpToolExecutor {
  constructor(
    private readonly client: PluginHttpClient,
    @Inject(toolsConfig.KEY) private readonly config: ConfigType<typeof toolsConfig>,
  ) {}

  toRunTool(spec: ToolSpecDto, vault: Record<string, string>): RunTool {
    const execution = spec.execution_config;
    if (!execution) throw new Error(`HTTP tool ${spec.name} has no execution_config`);
    return {
      name: spec.name,
      description: spec.description ?? spec.name,
      type: 'HTTP',
      parameters: spec.parameter_schema ?? { type: 'object', properties: {} },
      execute: async (args: Record<string, unknown>, context: ToolContext) => {
        const request = buildPluginRequest(execution, args, vault);
        const response = await this.client.send({
          ...request,
          timeoutMs: execution.timeout_ms ?? this.config.httpToolTimeoutMs,
          maxResponseBytes: execution.max_response_bytes ?? this.config.maxResponseBytes,
          signal: context.signal,
        });
        return interpretPluginResponse(response, context.redactor);
      },
    };
  }
}
