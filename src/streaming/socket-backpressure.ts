import type { Socket } from 'node:net';
import type { MessageEvent } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { sseWireBytes } from './sse-wire-size.js';

/**
 * Bytes of frames that may be on their way to a client (queued in Nest's SSE writer or in the
 * socket's buffer) before the stream stops reading the run's log. The kernel's own socket buffers come on top.
 */
export const SSE_WINDOW_BYTES = 256 * 1024;
/** How often a paused stream checks whether its client took more bytes. */
export const BACKPRESSURE_POLL_MS = 10;

/**
 * Socket backpressure for one stream. Nest queues frames in memory while a client is slow,
 * so the stream counts the bytes of what it produced (every message, in its exact wire form)
 * against what the socket handed to the kernel (`bytesWritten - writableLength`) and stops
 * reading the run's log while too much is unsent.
 */
export class SocketWindow {
  private produced = 0;
  private readonly baseline: number;
  /** Since when the client has taken nothing of what is unsent (undefined: all taken). */
  private stalledSince?: number;
  private lastSent: number;

  constructor(
    private readonly socket: Socket | null,
    /** Whether the response is sent in HTTP/1.1 chunks (every HTTP/1.1 stream is). */
    private readonly chunked: boolean,
    private readonly windowBytes = SSE_WINDOW_BYTES,
  ) {
    this.baseline = this.sent();
    this.lastSent = this.baseline;
  }

  /**
   * Counts a message produced for the client; the first one it does not take starts the
   * clock. Progress is noted by waitForRoom, which the stream calls after every frame.
   */
  add(message: MessageEvent): void {
    this.produced += sseWireBytes(message, this.chunked);
    this.stalledSince ??= Date.now();
  }

  /**
   * True at once when the unsent bytes fit the window (or `windowBytes`: 0 waits for
   * everything) — no promise per frame — else a promise of true once they do, or of false
   * when the client took nothing for `timeoutMs` since the first frame it left untaken (it
   * stopped reading).
   */
  waitForRoom(timeoutMs: number, windowBytes = this.windowBytes): true | Promise<boolean> {
    this.noteProgress();
    return this.unsent() <= windowBytes ? true : this.pollForRoom(timeoutMs, windowBytes);
  }

  private async pollForRoom(timeoutMs: number, windowBytes: number): Promise<boolean> {
    for (this.noteProgress(); this.unsent() > windowBytes; this.noteProgress()) {
      if (!this.socket || this.socket.destroyed) return true;
      if (Date.now() - (this.stalledSince ?? Date.now()) >= timeoutMs) return false;
      await sleep(BACKPRESSURE_POLL_MS);
    }
    return true;
  }

  /** The client took bytes since last asked: the clock restarts (or stops: all taken). */
  private noteProgress(): void {
    const sent = this.sent();
    if (sent === this.lastSent) return;
    this.lastSent = sent;
    this.stalledSince = this.unsent() > 0 ? Date.now() : undefined;
  }

  private sent(): number {
    return this.socket ? this.socket.bytesWritten - this.socket.writableLength : 0;
  }

  private unsent(): number {
    return this.produced - (this.sent() - this.baseline);
  }
}
