import type { RunEventBody } from '../common/run-events/run-event.types.js';
import type { RunMetrics } from './run-metrics.service.js';

/**
 * Reads one run's events into the metrics as they are written: time to first token, tool
 * calls by type and status, and the run's end with its usage and cost.
 */
export class RunEventObserver {
  private firstTokenSeen = false;
  /** tool_call_id → tool_type: tool_result does not repeat the type. */
  private readonly toolTypes = new Map<string, string>();

  constructor(
    private readonly metrics: RunMetrics,
    private readonly workflow: string,
    private readonly startedAt: number,
  ) {
    metrics.runStarted(workflow);
  }

  observe(body: RunEventBody): void {
    switch (body.type) {
      case 'message_chunk':
        if (!this.firstTokenSeen)
          this.metrics.firstToken(this.workflow, Date.now() - this.startedAt);
        this.firstTokenSeen = true;
        break;
      case 'tool_start':
        this.toolTypes.set(body.tool_call_id, body.tool_type);
        break;
      case 'tool_result':
        this.metrics.toolCall(
          this.toolTypes.get(body.tool_call_id) ?? 'unknown',
          body.status,
          body.duration_ms,
        );
        break;
      case 'done':
        this.metrics.runFinished(this.workflow, body);
        break;
    }
  }
}
