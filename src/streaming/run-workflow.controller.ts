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
import { RequestError } from '../common/errors/execution-plane.error.js';
import { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { RunPayloadPipe } from '../payload/run-payload.pipe.js';
import type { IdempotencyClaim } from '../run-control/idempotency-claim.js';
import { JsonContentTypeGuard } from './json-content-type.guard.js';
import { type WireProtocol } from './protocols/wire-protocol.js';
import { wireProtocolOf } from './protocols/wire-protocols.js';
import { afterSeqOf } from './resume-position.js';
import { RunExecutor } from '../runs/run-executor.service.js';
import { RunResumer } from './run-resumer.service.js';
import { RunStreamService } from './run-stream.service.js';
import { RunStarter } from './run-starter.service.js';
import { RunWorkflowOpenApi } from './run-workflow.openapi.js';
import type { WorkflowRun } from '../runs/workflow-run.js';

/** How long a retried start waits for the run its key claimed to appear (another replica). */
export const IDEMPOTENT_ATTACH_WAIT_MS = 2_000;

interface StartContext {
  protocol: WireProtocol;
  request: Request;
  response: Response;
  clientGone: AbortSignal;
}

@ApiTags('runs')
@Controller('v1')
export class RunWorkflowController {
  constructor(
    private readonly starter: RunStarter,
    private readonly executor: RunExecutor,
    private readonly streams: RunStreamService,
    private readonly resumer: RunResumer,
  ) {}

  /**
   * Everything that can be refused is checked before the Observable is returned (RunStarter):
   * once it is, Nest sends the SSE headers and errors can only travel inside the stream
   * (STACK.md). With an Idempotency-Key, a start that repeats an earlier one attaches to its
   * run. `Prefer: respond-async` is answered by POST /v1/runs instead (PreferAsyncRewrite).
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
    const context = { protocol: wireProtocolOf(protocolName), request, response, clientGone };
    const started = await this.starter.start(payload, request, clientGone, { background: false });
    return 'held' in started
      ? this.attach(started.held, context)
      : this.begin(started.run, context);
  }

  private begin(run: WorkflowRun, { protocol, response, clientGone }: StartContext) {
    const reader = this.executor.start(run);
    // Also fires when the stream completes; closing twice is harmless, and it covers a
    // client that left before Nest subscribed to the stream.
    clientGone.addEventListener('abort', () => reader.close(), { once: true });
    response.setHeader('X-Trace-Id', run.traceId);
    response.setHeader('X-Run-Id', run.runId);
    for (const [name, value] of Object.entries(protocol.headers)) response.setHeader(name, value);
    return this.streams.follow(run.runId, reader, response, run.logger, { protocol, afterSeq: 0 });
  }

  /** A retried start: the run its key began, from the client's Last-Event-ID. */
  private async attach(
    held: IdempotencyClaim,
    { protocol, request, response, clientGone }: StartContext,
  ): Promise<Observable<MessageEvent>> {
    const lastEventId = request.headers['last-event-id'];
    const resume = {
      afterSeq: afterSeqOf(typeof lastEventId === 'string' ? lastEventId : undefined),
      protocol,
      waitMs: IDEMPOTENT_ATTACH_WAIT_MS,
    };
    response.setHeader('X-Trace-Id', held.trace_id);
    response.setHeader('Idempotent-Replayed', 'true');
    const stream = await this.resumer.resume(
      held.run_id,
      resume,
      response,
      clientGone,
      request.log,
    );
    if (stream) return stream;
    throw new RequestError(
      'run_store_unavailable',
      'The run this Idempotency-Key started cannot be read yet; try again shortly',
      undefined,
      1,
    );
  }
}
