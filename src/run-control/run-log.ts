import type { MessageEvent } from '@nestjs/common';

/**
 * How far (in bytes of frames) the slowest attached reader may trail the run before the run
 * is paused. With SocketWindow on the reader's side this keeps a slow client's backlog bounded
 * while the run's upstream requests wait (TCP backpressure reaches the model).
 */
export const READER_LAG_BYTES = 256 * 1024;
/** How often a paused run checks whether its readers caught up. */
const READER_LAG_POLL_MS = 10;

/** Where a reader is: the seq of the last frame it took. */
interface ReaderCursor {
  seq: number;
}

/**
 * One run's frames in this process, in order, the newest `maxEvents` of them: what the client
 * of the run reads live and what a reader that re-attaches replays, the same objects both
 * times (byte-identical frames). Readers attach, follow to the end, and detach.
 */
export class RunLog {
  /** Frames from index `head` on are kept; older slots are dropped in batches (compact). */
  private frames: MessageEvent[] = [];
  /** Bytes appended up to and including each frame, for the readers' lag. */
  private byteEnds: number[] = [];
  private head = 0;
  private appendedBytes = 0;
  private droppedBytes = 0;
  private firstSeq = 1;
  private ended = false;
  private readonly cursors = new Set<ReaderCursor>();
  private wakeReaders: (() => void)[] = [];

  constructor(
    private readonly maxEvents: number,
    /** Told whenever the number of attached readers changes. */
    private readonly onReaders: (count: number) => void = () => undefined,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  get readerCount(): number {
    return this.cursors.size;
  }

  /** Adds the run's next frame (its `id` is its seq) and wakes readers waiting for it. */
  append(frame: MessageEvent): void {
    this.frames.push(frame);
    this.appendedBytes += (frame.data as string).length;
    this.byteEnds.push(this.appendedBytes);
    if (this.frames.length - this.head > this.maxEvents) this.dropOldest();
    this.wake();
  }

  /** No frame comes after this one; readers finish once they took everything. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /**
   * A reader of every frame after `afterSeq`, then of live ones until the end. It counts as
   * attached from now until its iteration ends or `close` is called.
   */
  reader(afterSeq: number): AsyncIterable<MessageEvent> & { close(): void } {
    const cursor: ReaderCursor = { seq: Math.max(afterSeq, this.firstSeq - 1) };
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.cursors.delete(cursor);
      this.onReaders(this.cursors.size);
      this.wake();
    };
    this.cursors.add(cursor);
    this.onReaders(this.cursors.size);
    const frames = async function* (log: RunLog): AsyncGenerator<MessageEvent> {
      try {
        for (;;) {
          const frame = log.frameAfter(cursor);
          if (frame) yield frame;
          else if (log.ended || closed) return;
          else await log.nextAppend();
        }
      } finally {
        close();
      }
    };
    return { [Symbol.asyncIterator]: () => frames(this), close };
  }

  /** Resolves once no attached reader trails by more than READER_LAG_BYTES (or the signal fires). */
  async waitForReaders(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && this.slowestLagBytes() > READER_LAG_BYTES)
      await new Promise((resolve) => setTimeout(resolve, READER_LAG_POLL_MS));
  }

  private frameAfter(cursor: ReaderCursor): MessageEvent | undefined {
    // A reader that fell behind the kept window skips to the oldest kept frame (a seq gap).
    const index = Math.max(cursor.seq + 1 - this.firstSeq, 0);
    const frame = this.frames[this.head + index];
    if (frame) cursor.seq = this.firstSeq + index;
    return frame;
  }

  private slowestLagBytes(): number {
    let lag = 0;
    for (const cursor of this.cursors) {
      const index = cursor.seq - this.firstSeq;
      const taken = index >= 0 ? this.byteEnds[this.head + index] : this.droppedBytes;
      lag = Math.max(lag, this.appendedBytes - taken);
    }
    return lag;
  }

  /**
   * Drops the oldest frame past `maxEvents`. Slots are freed at once but the arrays are only
   * compacted once half of them is dropped, so appending stays O(1) amortised (splicing the
   * front of a 10,000-frame array on every append cost a fast run seconds of CPU).
   */
  private dropOldest(): void {
    this.droppedBytes = this.byteEnds[this.head];
    this.frames[this.head] = undefined as never;
    this.head += 1;
    this.firstSeq += 1;
    if (this.head >= this.maxEvents) {
      this.frames = this.frames.slice(this.head);
      this.byteEnds = this.byteEnds.slice(this.head);
      this.head = 0;
    }
  }

  private nextAppend(): Promise<void> {
    return new Promise((resolve) => this.wakeReaders.push(resolve));
  }

  private wake(): void {
    const waiting = this.wakeReaders;
    this.wakeReaders = [];
    for (const resolve of waiting) resolve();
  }
}
