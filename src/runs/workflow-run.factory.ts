import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { payloadSecrets } from '../payload/payload-secrets.js';
import { requestTraceId } from '../common/trace/request-trace-id.js';
import { loggingConfig } from '../config/logging.config.js';
import { toolsConfig } from '../config/tools.config.js';
import { ChatModelProvider } from '../model-gateway/chat-model.provider.js';
import type { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import type { ModelRequest } from '../model-gateway/model-request.js';
import { type Toolset, ToolsetFactory } from '../tools/toolset.factory.js';
import { WorkflowRegistry } from '../workflows/workflow.registry.js';
import { modelRequestOf } from './model-request.mapper.js';
import { WorkflowRun } from './workflow-run.js';

/**
 * Resolves everything a run needs before its stream starts, so each refusal is a JSON error:
 * the workflow (404), the tools (400 invalid_tool, 502 tool_unavailable for an MCP server
 * that cannot be listed); then binds run_id to the request logger.
 */
@Injectable()
export class WorkflowRunFactory {
  constructor(
    private readonly workflows: WorkflowRegistry,
    private readonly toolsets: ToolsetFactory,
    private readonly models: ChatModelProvider,
    private readonly logger: PinoLogger,
    @Inject(loggingConfig.KEY) private readonly tracing: ConfigType<typeof loggingConfig>,
    @Inject(toolsConfig.KEY) private readonly tooling: ConfigType<typeof toolsConfig>,
  ) {}

  /** The model config's request (modelRequestOf); a refusal releases the toolset first. */
  private async modelRequest(payload: RunWorkflowDto, toolset: Toolset): Promise<ModelRequest> {
    const { model, vault = {} } = payload.runtime_config;
    try {
      return modelRequestOf(
        model,
        vault,
        toolset.tools.map((tool) => tool.name),
      );
    } catch (error) {
      await toolset.close();
      throw error;
    }
  }

  /** `clientGone` stops MCP listing for a client that left before its stream started. */
  async create(
    payload: RunWorkflowDto,
    request: Request,
    clientGone: AbortSignal,
  ): Promise<WorkflowRun> {
    const workflow = this.workflows.get(payload.task_meta.workflow_id);
    const toolset = await this.toolsets.resolve(payload.runtime_config, clientGone);
    const runId = randomUUID();
    const traceId = requestTraceId(request);
    this.logger.assign({ run_id: runId });
    const logger = this.logger.logger;
    const model = payload.runtime_config.model;
    const modelRequest = await this.modelRequest(payload, toolset);
    return new WorkflowRun({
      runId,
      traceId,
      payload,
      workflow,
      toolset,
      logger,
      trace: this.tracing.traceEnabled ? logger : logger.child({}, { level: 'silent' }),
      secrets: payloadSecrets(payload, request.headers.authorization),
      maxParallelTools: this.tooling.maxParallelTools,
      createChatModel: (modelTools) =>
        this.models.create(
          {
            modelName: model.model_name,
            baseUrl: model.base_url,
            apiKey: model.api_key,
            request: modelRequest,
            user: payload.task_meta.user_id,
            traceId,
          },
          modelTools,
        ),
    });
  }
}
