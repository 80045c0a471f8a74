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
import { RunStore } from '../run-control/run-store.js';
import { ActiveRunsRegistry } from '../runs/active-runs.registry.js';
import {
  IDEMPOTENCY_KEY_HEADER,
  type IdempotentStart,
  idempotentStartOf,
} from './idempotent-start.js';
import { JsonContentTypeGuard } from './json-content-type.guard.js';
import { type WireProtocol } from './protocols/wire-protocol.js';
import { wireProtocolOf } from './protocols/wire-protocols.js';
import { afterSeqOf } from './resume-position.js';
import { RunExecutor } from '../runs/run-executor.service.js';
import { RunResumer } from './run-resumer.service.js';
import { RunStreamService } from './run-stream.service.js';
import { RunWorkflowOpenApi } from './run-workflow.openapi.js';
import { WorkflowRunFactory } from '../runs/workflow-run.factory.js';
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
    private readonly runs: WorkflowRunFactory,
    private readonly executor: RunExecutor,
    private readonly streams: RunStreamService,
    private readonly resumer: RunResumer,
    private readonly store: RunStore,
    private readonly activeRuns: ActiveRunsRegistry,
  ) {}

  /**
   * Everything that can be refused is checked before the Observable is returned: once it is,
   * Nest sends the SSE headers and errors can only travel inside the stream (STACK.md).
   * With an Idempotency-Key, a start that repeats an earlier one attaches to its run.
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
    const start = idempotentStartOf(request.headers[IDEMPOTENCY_KEY_HEADER], request.body);
    const held = start && (await this.store.findClaim(start.key));
    if (held) return this.attach(held, start, context);
    const run = await this.runs.create(payload, request, clientGone);
    try {
      const holder = start && (await this.store.claim(start.key, this.claimOf(run, start)));
      if (holder && holder.run_id !== run.runId) {
        await run.releaseTools();
        return await this.attach(holder, start, context);
      }
      this.activeRuns.admit(run);
    } catch (error) {
      await run.releaseTools();
      if (start) await this.store.releaseClaim(start.key, run.runId).catch(() => undefined);
      throw error;
    }
    return this.begin(run, context);
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
    start: IdempotentStart,
    { protocol, request, response, clientGone }: StartContext,
  ): Promise<Observable<MessageEvent>> {
    if (held.fingerprint !== start.fingerprint) {
      throw new RequestError(
        'idempotency_conflict',
        'This Idempotency-Key already started a run with a different payload',
      );
    }
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

  private claimOf(run: WorkflowRun, start: IdempotentStart): IdempotencyClaim {
    return { run_id: run.runId, trace_id: run.traceId, fingerprint: start.fingerprint };
  }
}
