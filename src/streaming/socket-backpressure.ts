import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Bytes of frames that may be on their way to a client (queued in Nest's SSE writer or in the
 * socket's buffer) before the stream stops reading the run's log. The kernel's own socket buffers come on top.
 */
export const SSE_WINDOW_BYTES = 256 * 1024;
/** How often a paused stream checks whether its client took more bytes. */
export const BACKPRESSURE_POLL_MS = 10;

/**
 * Socket backpressure for one stream. Nest queues frames in memory while a client is slow,
 * so the stream counts what it produced against what the socket handed to the kernel
 * (`bytesWritten - writableLength`) and stops reading the run's log while too much is unsent.
 */
export class SocketWindow {
  private produced = 0;
  private readonly baseline: number;

  constructor(
    private readonly socket: Socket | null,
    private readonly windowBytes = SSE_WINDOW_BYTES,
  ) {
    this.baseline = this.sent();
  }

  /** Counts a frame produced for the client. */
  add(bytes: number): void {
    this.produced += bytes;
  }

  /**
   * Resolves true once the unsent bytes fit the window again, false when the client took
   * nothing for `timeoutMs` (it stopped reading).
   */
  async waitForRoom(timeoutMs: number): Promise<boolean> {
    let unsent = this.unsent();
    let deadline = Date.now() + timeoutMs;
    while (unsent > this.windowBytes) {
      if (!this.socket || this.socket.destroyed) return true;
      await sleep(BACKPRESSURE_POLL_MS);
      const now = this.unsent();
      if (now < unsent) deadline = Date.now() + timeoutMs;
      else if (Date.now() >= deadline) return false;
      unsent = now;
    }
    return true;
  }

  private sent(): number {
    return this.socket ? this.socket.bytesWritten - this.socket.writableLength : 0;
  }

  private unsent(): number {
    return this.produced - (this.sent() - this.baseline);
  }
}
