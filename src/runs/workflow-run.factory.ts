import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { payloadSecrets } from '../payload/payload-secrets.js';
import { requestTraceId } from '../common/trace/request-trace-id.js';
import { loggingConfig } from '../config/logging.config.js';
import { telemetryConfig } from '../config/telemetry.config.js';
import { toolsConfig } from '../config/tools.config.js';
import { incomingTraceContext } from '../telemetry/tracer.js';
import { ApprovalGate } from '../approval/approval-gate.js';
import { ApprovalSigner } from '../approval/approval-signer.js';
import { fieldIssuesError, RequestError } from '../common/errors/execution-plane.error.js';
import { ChatModelProvider } from '../model-gateway/chat-model.provider.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import { type WebhookTarget, webhookIssues, webhookTargetOf } from '../webhooks/webhook-target.js';
import type { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { type Toolset, ToolsetFactory } from '../tools/toolset.factory.js';
import { WorkflowRegistry } from '../workflows/workflow.registry.js';
import type { RunnableWorkflow } from '../workflows/workflow.types.js';
import { runModelsOf } from './run-models.js';
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
    private readonly approvals: ApprovalGate,
    private readonly webhooks: WebhookDispatcher,
    private readonly signer: ApprovalSigner,
    private readonly logger: PinoLogger,
    @Inject(loggingConfig.KEY) private readonly tracing: ConfigType<typeof loggingConfig>,
    @Inject(toolsConfig.KEY) private readonly tooling: ConfigType<typeof toolsConfig>,
    @Inject(telemetryConfig.KEY) private readonly telemetry: ConfigType<typeof telemetryConfig>,
  ) {}

  /**
   * The workflow's own reading of the payload (a graph's definition), the run's models (runModelsOf) and the decisions it resumes with (ApprovalGate); a
   * refusal releases the toolset first.
   */
  private async checked(payload: RunWorkflowDto, toolset: Toolset, workflow: RunnableWorkflow) {
    try {
      workflow.check(payload, toolset.tools);
      const names = toolset.tools.map((tool) => tool.name);
      const models = runModelsOf(payload.runtime_config, names);
      const webhook = this.webhookOf(payload);
      return { models, webhook, approvals: await this.approvals.admit(payload, toolset.tools) };
    } catch (error) {
      await toolset.close();
      throw error;
    }
  }

  /** The run's webhook, checked (400 invalid_payload), its headers rendered; or none. */
  private webhookOf(payload: RunWorkflowDto): WebhookTarget | undefined {
    const { webhook, vault = {} } = payload.runtime_config;
    if (!webhook) return undefined;
    if (!this.webhooks.enabled)
      throw new RequestError(
        'invalid_payload',
        'Webhooks need WEBHOOK_SIGNING_KEYS to be set on the execution plane',
        [{ path: 'runtime_config.webhook', message: 'webhooks need WEBHOOK_SIGNING_KEYS' }],
      );
    const issues = webhookIssues(webhook, vault);
    if (issues.length > 0) throw fieldIssuesError('invalid_payload', 'Invalid webhook', issues);
    return webhookTargetOf(webhook, vault);
  }

  /**
   * `clientGone` stops MCP listing for a client that left before its stream started; a
   * `background` run goes on without readers (POST /v1/runs).
   */
  async create(
    payload: RunWorkflowDto,
    request: Request,
    clientGone: AbortSignal,
    options: { background?: boolean } = {},
  ): Promise<WorkflowRun> {
    const workflow = this.workflows.get(payload.task_meta.workflow_id);
    const toolset = await this.toolsets.resolve(payload.runtime_config, clientGone);
    const runId = randomUUID();
    const traceId = requestTraceId(request);
    this.logger.assign({ run_id: runId });
    const logger = this.logger.logger;
    const { models, webhook, approvals } = await this.checked(payload, toolset, workflow.workflow);
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
      background: options.background ?? false,
      webhook,
      parentTrace: incomingTraceContext(request.headers),
      captureContent: this.telemetry.captureContent,
      spendApprovals: approvals.spend,
      approval: {
        decisions: approvals.decisions,
        request: (call) => {
          const { token, expiresAt } = this.signer.sign({ ...call, runId });
          return { approval_token: token, expires_at: expiresAt.toISOString() };
        },
      },
      createChatModel: (listener, modelTools) =>
        this.models.create(
          { models, listener, user: payload.task_meta.user_id, traceId },
          modelTools,
        ),
    });
  }
}
