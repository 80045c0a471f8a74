import type { RawUsage } from './dialects/completion-chunk.js';
import type { TurnPiece } from './dialects/completion-stream.reader.js';

/** How one model call ended, as its listener is told. */
export type ModelCallEnd =
  /** The stream ended; `usage` is the provider's, when it reported one. */
  | { outcome: 'answered'; usage?: RawUsage }
  /** The endpoint refused it before any answer (an error status, no connection): no spend. */
  | { outcome: 'refused'; code: string }
  /** It stopped once under way (the run was stopped, the stream broke off mid-answer). */
  | { outcome: 'stopped'; code: string };

/** One call as it goes: each piece as it arrives, then how it ended, once. */
export interface ModelCallTracker {
  piece(piece: TurnPiece): void;
  end(end: ModelCallEnd): void;
}

/**
 * Told about every call of a run's model, on every path (`streamTurn` and LangChain's own):
 * the run's account (usage, estimates, budgets) listens. `call` may throw to refuse the call
 * before its request is sent (a budget already spent).
 */
export interface ModelCallListener {
  call(model: string, requestChars: number): ModelCallTracker;
}

/** A call's tracker that ends once, whatever way its stream stops; silent without a listener. */
export class TrackedCall {
  private ended = false;
  private answering = false;

  constructor(private readonly tracker: ModelCallTracker | undefined) {}

  /** A chunk of the answer came (even one without a piece): the call is under way. */
  chunk(piece: TurnPiece | undefined): void {
    this.answering = true;
    if (piece) this.tracker?.piece(piece);
  }

  answered(usage: RawUsage | undefined): void {
    this.end({ outcome: 'answered', usage });
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
