import type { Socket } from 'node:net';
import { currentTurn } from '../common/scheduling/turn-budget.js';

/**
 * The frames a stream sends in one event-loop turn leave in one socket write. Nest's SSE
 * writer writes one frame per tick (each write's callback is a `process.nextTick`), and Node
 * flushes a response's socket on the tick after each write, so a burst — a model that sends
 * many tokens in one network read, a tool's start and result, a replay — cost a `writev` per
 * frame (56 per unpaced run against the ideal's 7, docs/performance.md, lever 11). The first
 * frame of a turn goes out as before, at once; from the second on the socket stays corked
 * until the turn's immediate, after every tick and microtask of the turn has run. Nothing is
 * held past the turn its frame was produced in, so a token still reaches the client at once.
 */
export class TurnCork {
  private lastTurn = -1;
  private corked = false;

  constructor(private readonly socket: Socket | null) {}

  /** Called as each frame is handed to the writer. */
  hold(): void {
    const turn = currentTurn();
    if (turn !== this.lastTurn) {
      this.lastTurn = turn; // a paced token alone in its turn: no cork, no immediate
      return;
    }
    if (this.corked || !this.socket || this.socket.destroyed) return;
    this.corked = true;
    this.socket.cork();
    setImmediate(this.release);
  }

  private readonly release = (): void => {
    this.corked = false;
    this.socket?.uncork();
  };
}
