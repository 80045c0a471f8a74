import type { MessageEvent } from '@nestjs/common';
import type { SecretRedactor } from '../common/redaction/secret-redactor.js';
import type { RunEventBody } from '../common/run-events/run-event.types.js';

/**
 * Stamps a run's events with the common fields (PROTOCOL.md section 3) and renders them as
 * SSE frames: `id` = `seq`, `event` = type, `data` = one JSON line that repeats `type`.
 * Serialising here hands Nest a string, so it does not stringify again.
 */
export class RunFrameEncoder {
  private seq = 0;

  constructor(
    private readonly runId: string,
    private readonly traceId: string,
    /** The run's credentials: masked wherever they turn up (a plugin echoing a header, …). */
    private readonly redactor: SecretRedactor,
  ) {}

  encode(body: RunEventBody): MessageEvent {
    const seq = ++this.seq;
    const { type, ...fields } = this.redactor.deep(body);
    const event = {
      type,
      seq,
      run_id: this.runId,
      trace_id: this.traceId,
      timestamp: Date.now(),
      ...fields,
    };
    return { id: String(seq), type, data: JSON.stringify(event) };
  }
}
