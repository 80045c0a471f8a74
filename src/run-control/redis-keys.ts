/**
 * The Redis layout of run control (docs/run-control.md): one string with the run record, one
 * stream with its frames (entry id `<seq>-0`, so a reader resumes with the seq it has), one
 * string per Idempotency-Key with the run it started, and
 * one pub/sub channel for cancel and reader attach/detach messages to a run's owner.
 */
export const recordKey = (runId: string) => `ep:run:${runId}`;
export const framesKey = (runId: string) => `ep:run:${runId}:frames`;
/** The run an Idempotency-Key digest started (JSON IdempotencyClaim). */
export const claimKey = (key: string) => `ep:idempotency:${key}`;
export const frameEntryId = (seq: number) => `${seq}-0`;
export const CONTROL_CHANNEL = 'ep:run-control';

/** What travels on CONTROL_CHANNEL; the process that owns the run acts, the others ignore it. */
export interface ControlMessage {
  run_id: string;
  kind: 'cancel' | 'attach' | 'detach';
}

export function parseControlMessage(text: string): ControlMessage | undefined {
  try {
    const message = JSON.parse(text) as Partial<ControlMessage>;
    const kinds = ['cancel', 'attach', 'detach'];
    return typeof message.run_id === 'string' && kinds.includes(message.kind as string)
      ? (message as ControlMessage)
      : undefined;
  } catch {
    return undefined;
  }
}
