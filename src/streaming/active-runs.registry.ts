import { Injectable } from '@nestjs/common';
import type { WorkflowRun } from './workflow-run.js';

/** The runs this process is serving now (GET /health `active_runs`). */
@Injectable()
export class ActiveRunsRegistry {
  private readonly runs = new Map<string, WorkflowRun>();

  add(run: WorkflowRun): void {
    this.runs.set(run.runId, run);
  }

  remove(run: WorkflowRun): void {
    this.runs.delete(run.runId);
  }

  get count(): number {
    return this.runs.size;
  }
}
