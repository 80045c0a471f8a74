import {
  Controller,
  Get,
  Headers,
  HttpCode,
  type MessageEvent,
  Param,
  Post,
  Query,
  Res,
  Sse,
  SseSignal,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import type { Observable } from 'rxjs';
import { RequestError } from '../common/errors/execution-plane.error.js';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import type { RunRecord } from '../run-control/run-record.js';
import { RunStore } from '../run-control/run-store.js';
import { wireProtocolOf } from './protocols/wire-protocols.js';
import { afterSeqOf } from './resume-position.js';
import { RunResumer } from './run-resumer.service.js';
import { RunCancelOpenApi, RunEventsOpenApi, RunStatusOpenApi } from './runs.openapi.js';

/** Run ids are UUIDs; anything else is unknown without asking the store. */
const RUN_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function runNotFound(runId: string): RequestError {
  return new RequestError('run_not_found', `No run '${runId.slice(0, 64)}' (unknown or expired)`);
}

/** Run control (docs/run-control.md): resume a run's stream, cancel it, read its status. */
@ApiTags('runs')
@Controller('v1/runs')
export class RunsController {
  constructor(
    private readonly store: RunStore,
    private readonly resumer: RunResumer,
    private readonly logger: PinoLogger,
    private readonly metrics: RunMetrics,
  ) {}

  @Sse(':runId/events')
  @RunEventsOpenApi()
  async events(
    @Param('runId') runId: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query('after') after: string | undefined,
    @Query('protocol') protocolName: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @SseSignal() clientGone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    const resume = {
      afterSeq: afterSeqOf(lastEventId, after),
      protocol: wireProtocolOf(protocolName),
    };
    const stream = RUN_ID_PATTERN.test(runId)
      ? await this.resumer.resume(runId, resume, response, clientGone, this.logger.logger)
      : undefined;
    if (!stream) throw runNotFound(runId);
    return stream;
  }

  @Post(':runId/cancel')
  @HttpCode(200)
  @RunCancelOpenApi()
  async cancel(
    @Param('runId') runId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RunRecord | (RunRecord & { cancel_requested: true })> {
    this.metrics.cancelRequested();
    const record = RUN_ID_PATTERN.test(runId) ? await this.store.cancel(runId) : undefined;
    if (!record) throw runNotFound(runId);
    if (record.status === 'done') return record;
    // The owner has not confirmed within the wait: asked, not yet done (docs/run-control.md).
    response.status(202);
    return { ...record, cancel_requested: true };
  }

  @Get(':runId')
  @RunStatusOpenApi()
  async status(@Param('runId') runId: string): Promise<RunRecord> {
    const record = RUN_ID_PATTERN.test(runId) ? await this.store.status(runId) : undefined;
    if (!record) throw runNotFound(runId);
    return record;
  }
}
