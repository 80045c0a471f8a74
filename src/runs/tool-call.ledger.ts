import type { RunAbort } from './workflow-run.js';
import type { RunEventBody } from '../common/run-events/run-event.types.js';

/**
 * The tool calls of a run that started and have not ended. When a run is cut short (timeout,
 * shutdown, failure) the stream answers each with a `tool_result` error, so every
 * `tool_start` keeps exactly one `tool_result` (PROTOCOL.md section 3, invariant 3).
 */
export class ToolCallLedger {
  private readonly open = new Map<string, { name: string; startedAt: number }>();

  record(body: RunEventBody): void {
    if (body.type === 'tool_start')
      this.open.set(body.tool_call_id, { name: body.tool_name, startedAt: Date.now() });
    if (body.type === 'tool_result') this.open.delete(body.tool_call_id);
  }

  /** A `tool_result` error for each call still open, then forgets them. */
  closeAll(abort: RunAbort | undefined): RunEventBody<'tool_result'>[] {
    const error =
      abort?.finishReason === 'timeout'
        ? { code: 'timeout', message: 'The run timed out before the tool finished' }
        : { code: 'cancelled', message: 'The run ended before the tool finished' };
    const results = [...this.open].map(([id, call]) => ({
      type: 'tool_result' as const,
      tool_call_id: id,
      tool_name: call.name,
      status: 'error' as const,
      result: null,
      error,
      duration_ms: Date.now() - call.startedAt,
    }));
    this.open.clear();
    return results;
  }
}
