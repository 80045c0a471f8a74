import type { RawUsage } from './dialects/completion-chunk.js';
import type { TurnPiece } from './dialects/completion-stream.reader.js';

/** How one model call ended, as its listener is told. */
export type ModelCallEnd =
  /** The stream ended; `usage` is the provider's, when it reported one. */
  | { outcome: 'answered'; usage?: RawUsage; finishReason?: string }
  /** The endpoint refused it before any answer (an error status, no connection): no spend. */
  | { outcome: 'refused'; code: string }
  /** It stopped once under way (the run was stopped, the stream broke off mid-answer). */
  | { outcome: 'stopped'; code: string };

/** One call as it goes: each piece as it arrives, then how it ended, once. */
export interface ModelCallTracker {
  /** Headers the request carries for this listener (a span's `traceparent`). */
  headers?: Record<string, string>;
  piece(piece: TurnPiece): void;
  /** The transport retries the request (attempt from 1; an HTTP status or an error name). */
  retry?(attempt: number, reason: string): void;
  end(end: ModelCallEnd): void;
}

/**
 * Told about every call of a run's model, on every path (`streamTurn` and LangChain's own):
 * the run's account (usage, estimates, budgets) listens. `call` may throw to refuse the call
 * before its request is sent (a budget already spent).
 */
export interface ModelCallListener {
  /** `body`: the request's JSON as it is sent. */
  call(model: string, body: string): ModelCallTracker;
}

/** Several listeners as one: each is told everything, their headers all sent. */
export function everyListener(...listeners: ModelCallListener[]): ModelCallListener {
  return {
    call: (model, body) => {
      const trackers = listeners.map((listener) => listener.call(model, body));
      return {
        headers: Object.assign({}, ...trackers.map((tracker) => tracker.headers)) as Record<
          string,
          string
        >,
        piece: (piece) => trackers.forEach((tracker) => tracker.piece(piece)),
        retry: (attempt, reason) => trackers.forEach((tracker) => tracker.retry?.(attempt, reason)),
        end: (end) => trackers.forEach((tracker) => tracker.end(end)),
      };
    },
  };
}

/** A call's tracker that ends once, whatever way its stream stops; silent without a listener. */
export class TrackedCall {
  private ended = false;
  private answering = false;

  constructor(private readonly tracker: ModelCallTracker | undefined) {}

  /** Tells the listener of a retry. */
  retried(attempt: number, reason: string): void {
    this.tracker?.retry?.(attempt, reason);
  }

  /** What the listener adds to the request's headers. */
  get headers(): Record<string, string> | undefined {
    return this.tracker?.headers;
  }

  /** A chunk of the answer came (even one without a piece): the call is under way. */
  chunk(piece: TurnPiece | undefined): void {
    this.answering = true;
    if (piece) this.tracker?.piece(piece);
  }

  answered(usage: RawUsage | undefined, finishReason: string | undefined): void {
    this.end({ outcome: 'answered', usage, finishReason });
  }

  /** A failure: a refusal unless the answer had begun or the run stopped it. */
  failed(code: string, stopped: boolean): void {
    this.end({ outcome: stopped || this.answering ? 'stopped' : 'refused', code });
  }

  /** The stream was closed by its reader before it ended. */
  close(): void {
    this.end({ outcome: 'stopped', code: 'cancelled' });
  }

  private end(end: ModelCallEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.tracker?.end(end);
  }
}
