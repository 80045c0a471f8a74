/**
 * The Redis layout of run control (docs/run-control.md), under REDIS_KEY_PREFIX so several
 * deployments can share one Redis: one string with the run record, one stream with its frames
 * (entry id `<seq>-0`, so a reader resumes with the seq it has), one string per
 * Idempotency-Key with the run it started, and one pub/sub channel for cancel and reader
 * attach/detach messages to a run's owner (pub/sub ignores the database number, so the
 * prefix is what keeps deployments apart there). A run's keys carry its id as a hash tag
 * (`{<run id>}`): in a Redis Cluster they share one slot, so one MULTI can write them.
 */
export class RedisKeys {
  constructor(private readonly prefix: string) {}

  record(runId: string): string {
    return `${this.prefix}run:{${runId}}`;
  }

  frames(runId: string): string {
    return `${this.prefix}run:{${runId}}:frames`;
  }

  /**
   * The owner leases of running runs: a sorted set of run ids scored by when their lease
   * lapses (Redis time, ms). One key, so one atomic script can take the lapsed ones.
   */
  get leases(): string {
    return `${this.prefix}run-leases`;
  }

  /** The run an Idempotency-Key digest started (JSON IdempotencyClaim). */
  claim(key: string): string {
    return `${this.prefix}idempotency:{${key}}`;
  }

  get controlChannel(): string {
    return `${this.prefix}run-control`;
  }
}

export const frameEntryId = (seq: number) => `${seq}-0`;

/** What travels on the control channel; the process that owns the run acts, the others ignore it. */
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
