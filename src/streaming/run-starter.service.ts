import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { RequestError } from '../common/errors/execution-plane.error.js';
import type { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import type { IdempotencyClaim } from '../run-control/idempotency-claim.js';
import { RunStore } from '../run-control/run-store.js';
import { ActiveRunsRegistry } from '../runs/active-runs.registry.js';
import { WorkflowRunFactory } from '../runs/workflow-run.factory.js';
import type { WorkflowRun } from '../runs/workflow-run.js';
import {
  IDEMPOTENCY_KEY_HEADER,
  type IdempotentStart,
  idempotentStartOf,
} from './idempotent-start.js';

/** A start's outcome: a new run, admitted, or the run its Idempotency-Key started before. */
export type Started = { run: WorkflowRun } | { held: IdempotencyClaim };

/**
 * How a payload becomes an admitted run, whether it streams (POST /v1/run_workflow) or runs
 * in the background (POST /v1/runs): a start that repeats an earlier one with the same
 * Idempotency-Key finds that run (409 for another payload); else the run is created (every
 * refusal a JSON error), its key claimed, the run admitted (429/503) and the approval tokens
 * it resumes with spent — its tools, admission and key released if any of that fails.
 */
@Injectable()
export class RunStarter {
  constructor(
    private readonly runs: WorkflowRunFactory,
    private readonly store: RunStore,
    private readonly activeRuns: ActiveRunsRegistry,
  ) {}

  async start(
    payload: RunWorkflowDto,
    request: Request,
    clientGone: AbortSignal,
    options: { background: boolean },
  ): Promise<Started> {
    const start = idempotentStartOf(request.headers[IDEMPOTENCY_KEY_HEADER], request.body);
    const held = start && (await this.store.findClaim(start.key));
    if (held) return { held: this.matching(held, start) };
    const run = await this.runs.create(payload, request, clientGone, options);
    try {
      const holder = start && (await this.store.claim(start.key, this.claimOf(run, start)));
      if (holder && holder.run_id !== run.runId) {
        await run.releaseTools();
        return { held: this.matching(holder, start) };
      }
      this.activeRuns.admit(run);
      await run.spendApprovals();
    } catch (error) {
      this.activeRuns.release(run);
      await run.releaseTools();
      if (start) await this.store.releaseClaim(start.key, run.runId).catch(() => undefined);
      throw error;
    }
    return { run };
  }

  private matching(held: IdempotencyClaim, start: IdempotentStart): IdempotencyClaim {
    if (held.fingerprint !== start.fingerprint)
      throw new RequestError(
        'idempotency_conflict',
        'This Idempotency-Key already started a run with a different payload',
      );
    return held;
  }

  private claimOf(run: WorkflowRun, start: IdempotentStart): IdempotencyClaim {
    return { run_id: run.runId, trace_id: run.traceId, fingerprint: start.fingerprint };
  }
}
