import type { MessageEvent } from '@nestjs/common';
import type { SecretRedactor } from '../common/redaction/secret-redactor.js';
import type { RunEventBody } from '../common/run-events/run-event.types.js';
import { encodeRunFrame } from '../common/run-events/run-frame.js';

/**
 * Numbers a run's events and renders them as SSE frames (encodeRunFrame), its credentials
 * masked. Serialising here hands Nest a string, so it does not stringify again.
 */
export class RunFrameEncoder {
  private seq = 0;

  constructor(
    private readonly runId: string,
    private readonly traceId: string,
    /** The run's credentials: masked wherever they turn up (a plugin echoing a header, …). */
    private readonly redactor: SecretRedactor,
  ) {}

  /** `masked`: the body's strings are masked already (a text delta, per token: not twice). */
  encode(body: RunEventBody, masked = false): MessageEvent {
    this.seq += 1;
    return encodeRunFrame(
      this.seq,
      { runId: this.runId, traceId: this.traceId },
      masked ? body : this.redactor.deep(body),
    );
  }
}
