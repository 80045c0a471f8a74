import {
  Body,
  Controller,
  HttpCode,
  type MessageEvent,
  Req,
  RequestMethod,
  Res,
  Sse,
  SseSignal,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import type { Observable } from 'rxjs';
import { payloadSecrets } from '../common/redaction/payload-secrets.js';
import { requestTraceId } from '../common/trace/request-trace-id.js';
import { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { RunPayloadPipe } from '../payload/run-payload.pipe.js';
import { WorkflowRegistry } from '../workflows/workflow.registry.js';
import { JsonContentTypeGuard } from './json-content-type.guard.js';
import { RunStreamService } from './run-stream.service.js';
import { RunWorkflowOpenApi } from './run-workflow.openapi.js';
import { WorkflowRun } from './workflow-run.js';

@ApiTags('runs')
@Controller('v1')
export class RunWorkflowController {
  constructor(
    private readonly workflows: WorkflowRegistry,
    private readonly streams: RunStreamService,
    private readonly logger: PinoLogger,
  ) {}

  /**
   * Everything that can be refused is checked before the Observable is returned: once it is,
   * Nest sends the SSE headers and errors can only travel inside the stream (STACK.md).
   */
  @Sse('run_workflow', { method: RequestMethod.POST })
  @HttpCode(200)
  @UseGuards(JsonContentTypeGuard)
  @RunWorkflowOpenApi()
  runWorkflow(
    @Body(RunPayloadPipe) payload: RunWorkflowDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @SseSignal() clientGone: AbortSignal,
  ): Observable<MessageEvent> {
    const workflow = this.workflows.get(payload.task_meta.workflow_id);
    const secrets = payloadSecrets(payload, request.headers.authorization);
    const run = new WorkflowRun(requestTraceId(request), payload, workflow, secrets);
    clientGone.addEventListener('abort', () => run.abort('cancelled'), { once: true });
    this.logger.assign({ run_id: run.runId });
    response.setHeader('X-Trace-Id', run.traceId);
    response.setHeader('X-Run-Id', run.runId);
    return this.streams.open(run);
  }
}
