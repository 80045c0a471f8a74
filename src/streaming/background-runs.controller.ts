import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { RunPayloadPipe } from '../payload/run-payload.pipe.js';
import { RunStore } from '../run-control/run-store.js';
import { RunExecutor } from '../runs/run-executor.service.js';
import { BackgroundRunOpenApi } from './background-runs.openapi.js';
import { JsonContentTypeGuard } from './json-content-type.guard.js';
import { RunStarter } from './run-starter.service.js';

/** What a background start answers: the run, and where to follow, cancel and read it. */
export interface BackgroundRunAccepted {
  run_id: string;
  trace_id: string;
  status: 'running' | 'done';
  status_url: string;
  events_url: string;
  cancel_url: string;
}

function accepted(runId: string, traceId: string, status: 'running' | 'done') {
  const statusUrl = `/v1/runs/${runId}`;
  return {
    run_id: runId,
    trace_id: traceId,
    status,
    status_url: statusUrl,
    events_url: `${statusUrl}/events`,
    cancel_url: `${statusUrl}/cancel`,
  };
}

/**
 * POST /v1/runs (and POST /v1/run_workflow with `Prefer: respond-async`): the same payload
 * and checks as a streamed start, answered 202 at once; the run goes on without a reader
 * (on_disconnect continue), bounded by RUN_TIMEOUT_SECONDS. Its events, status and cancel
 * are the run-control endpoints' (docs/run-control.md).
 */
@ApiTags('runs')
@Controller('v1/runs')
export class BackgroundRunsController {
  constructor(
    private readonly starter: RunStarter,
    private readonly executor: RunExecutor,
    private readonly store: RunStore,
  ) {}

  @Post()
  @HttpCode(202)
  @UseGuards(JsonContentTypeGuard)
  @BackgroundRunOpenApi()
  async start(
    @Body(RunPayloadPipe) payload: RunWorkflowDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BackgroundRunAccepted> {
    // Nobody waits on this request's socket: leaving does not stop the start.
    const started = await this.starter.start(payload, request, new AbortController().signal, {
      background: true,
    });
    const body =
      'held' in started
        ? accepted(
            started.held.run_id,
            started.held.trace_id,
            (await this.store.status(started.held.run_id))?.status ?? 'running',
          )
        : this.begin(started.run);
    if ('held' in started) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', body.status_url);
    response.setHeader('X-Run-Id', body.run_id);
    response.setHeader('X-Trace-Id', body.trace_id);
    return body;
  }

  private begin(run: Parameters<RunExecutor['start']>[0]): BackgroundRunAccepted {
    // The first reader leaves at once: the run goes on (its disconnect policy is continue).
    this.executor.start(run).close();
    return accepted(run.runId, run.traceId, 'running');
  }
}
