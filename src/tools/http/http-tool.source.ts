import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FieldIssue } from '../../common/errors/execution-plane.error.js';
import { toolsConfig } from '../../config/tools.config.js';
import type { HttpToolSpecDto } from '../../payload/dto/tool-spec.dto.js';
import { checkedTools, schemaIssues } from '../argument-checks.js';
import { EgressHttpClient } from '../egress/egress-http.client.js';
import { egressTargetIssues } from '../egress/egress-target.checks.js';
import { NOTHING_TO_CLOSE, type OpenedTools, type SpecPlace, ToolSource } from '../tool-source.js';
import type { JsonSchema, RunTool, ToolContext } from '../tool.types.js';
import { buildPluginRequest } from './plugin-request.builder.js';
import { interpretPluginResponse } from './plugin-response.js';

const NO_PARAMETERS: JsonSchema = { type: 'object', properties: {} };

/** `https://host/path/{{args.id}}` as trace lines may show it: origin and path, no query. */
export function logTargetOf(urlTemplate: string): string {
  const withoutQuery = urlTemplate.split(/[?#]/)[0];
  return withoutQuery.replace(/\/\/[^/@]*@/, '//');
}

/** HTTP plugins (`type: "HTTP"`): one tool per spec, calling it as PROTOCOL.md section 2 says. */
@Injectable()
export class HttpToolSource extends ToolSource<'HTTP'> {
  readonly type = 'HTTP';

  constructor(
    private readonly client: EgressHttpClient,
    @Inject(toolsConfig.KEY) private readonly config: ConfigType<typeof toolsConfig>,
  ) {
    super();
  }

  issues(spec: HttpToolSpecDto, place: SpecPlace): FieldIssue[] {
    const { url, headers, query, body } = spec.execution_config;
    return [
      ...egressTargetIssues(url, [headers, query, body], place),
      ...schemaIssues(spec.parameter_schema ?? NO_PARAMETERS, schemaPath(place)),
    ];
  }

  open(spec: HttpToolSpecDto, place: SpecPlace): Promise<OpenedTools> {
    const tool = this.runTool(spec, place.vault);
    const tools = checkedTools([{ tool, schemas: [tool.parameters], path: schemaPath(place) }]);
    return Promise.resolve({ tools, close: NOTHING_TO_CLOSE });
  }

  private runTool(spec: HttpToolSpecDto, vault: Record<string, string>): RunTool {
    const execution = spec.execution_config;
    return {
      name: spec.name,
      description: spec.description ?? spec.name,
      type: 'HTTP',
      parameters: spec.parameter_schema ?? NO_PARAMETERS,
      logTarget: logTargetOf(execution.url),
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

const schemaPath = (place: SpecPlace) => `${place.path}.parameter_schema`;
