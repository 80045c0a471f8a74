import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, type MessageEvent } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import type { Observable } from 'rxjs';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import { RunStore, type RunReader } from '../run-control/run-store.js';
import type { WireProtocol } from './protocols/wire-protocol.js';
import { RunStreamService } from './run-stream.service.js';

/** How often a reader that waits for a run to appear asks the store again. */
const OPEN_POLL_MS = 25;

/** Where a client picks a run up: the seq it has, its wire protocol, how long to wait for it. */
export interface ResumeRequest {
  afterSeq: number;
  protocol: WireProtocol;
  /** A run claimed by a start on another process may take this long to appear in the store. */
  waitMs?: number;
}

/**
 * A client reading a run it did not start, or no longer reads: `GET /v1/runs/{id}/events` and
 * a retried start with the same Idempotency-Key take this one path, so both get the frames
 * after the seq they have, as the same bytes the first reader got.
 */
@Injectable()
export class RunResumer {
  constructor(
    private readonly store: RunStore,
    private readonly streams: RunStreamService,
    private readonly metrics: RunMetrics,
  ) {}

  /** The client's stream of the run, or undefined when the run is unknown or expired. */
  async resume(
    runId: string,
    resume: ResumeRequest,
    response: Response,
    clientGone: AbortSignal,
    logger: Logger,
  ): Promise<Observable<MessageEvent> | undefined> {
    const { afterSeq, protocol } = resume;
    // A translated protocol rebuilds its state from seq 1 (see translateFrame).
    const reader = await this.open(runId, protocol.translator ? 0 : afterSeq, resume.waitMs ?? 0);
    if (!reader) return undefined;
    this.metrics.resumed();
    clientGone.addEventListener('abort', () => reader.close(), { once: true });
    response.setHeader('X-Run-Id', runId);
    for (const [name, value] of Object.entries(protocol.headers)) response.setHeader(name, value);
    return this.streams.follow(runId, reader, response, logger, { protocol, afterSeq });
  }

  private async open(runId: string, afterSeq: number, waitMs: number) {
    const deadline = Date.now() + waitMs;
    let reader: RunReader | undefined;
    while (!(reader = await this.store.open(runId, afterSeq)) && Date.now() < deadline)
      await sleep(OPEN_POLL_MS);
    return reader;
  }
}
