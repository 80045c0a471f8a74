import {
  Body,
  Controller,
  HttpCode,
  type MessageEvent,
  Query,
  Req,
  RequestMethod,
  Res,
  Sse,
  SseSignal,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { RunPayloadPipe } from '../payload/run-payload.pipe.js';
import { ActiveRunsRegistry } from './active-runs.registry.js';
import { JsonContentTypeGuard } from './json-content-type.guard.js';
import { wireProtocolOf } from './protocols/wire-protocols.js';
import { RunExecutor } from './run-executor.service.js';
import { RunStreamService } from './run-stream.service.js';
import { RunWorkflowOpenApi } from './run-workflow.openapi.js';
import { WorkflowRunFactory } from './workflow-run.factory.js';

@ApiTags('runs')
@Controller('v1')
export class RunWorkflowController {
  constructor(
    private readonly runs: WorkflowRunFactory,
    private readonly executor: RunExecutor,
    private readonly streams: RunStreamService,
    private readonly activeRuns: ActiveRunsRegistry,
  ) {}

  /**
   * Everything that can be refused is checked before the Observable is returned: once it is,
   * Nest sends the SSE headers and errors can only travel inside the stream (STACK.md).
   */
  @Sse('run_workflow', { method: RequestMethod.POST })
  @HttpCode(200)
  @UseGuards(JsonContentTypeGuard)
  @RunWorkflowOpenApi()
  async runWorkflow(
    @Body(RunPayloadPipe) payload: RunWorkflowDto,
    @Query('protocol') protocolName: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @SseSignal() clientGone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    const protocol = wireProtocolOf(protocolName);
    const run = await this.runs.create(payload, request, clientGone);
    try {
      this.activeRuns.admit(run);
    } catch (error) {
      await run.releaseTools();
      throw error;
    }
    const reader = this.executor.start(run);
    // Also fires when the stream completes; closing twice is harmless, and it covers a
    // client that left before Nest subscribed to the stream.
    clientGone.addEventListener('abort', () => reader.close(), { once: true });
    response.setHeader('X-Trace-Id', run.traceId);
    response.setHeader('X-Run-Id', run.runId);
    for (const [name, value] of Object.entries(protocol.headers)) response.setHeader(name, value);
    return this.streams.follow(run.runId, reader, response, run.logger, { protocol, afterSeq: 0 });
  }
}
