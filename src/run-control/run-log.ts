import type { MessageEvent } from '@nestjs/common';

/**
 * How far (in bytes of frames) the slowest attached reader may trail the run before the run
 * is paused. With SocketWindow on the reader's side this keeps a slow client's backlog bounded
 * while the run's upstream requests wait (TCP backpressure reaches the model).
 */
export const READER_LAG_BYTES = 256 * 1024;
/** How often a paused run checks whether its readers caught up. */
const READER_LAG_POLL_MS = 10;
/**
 * What a kept frame costs on top of its data's characters: the frame object, its id and type
 * strings (measured with a heap snapshot: 88–104 bytes per frame of a 200,000-frame run).
 */
export const FRAME_OVERHEAD_BYTES = 96;

/** The memory a kept frame is counted for (RUN_LOG_MAX_BYTES, RUN_LOG_MAX_TOTAL_BYTES). */
export function frameCostBytes(frame: MessageEvent): number {
  return (frame.data as string).length + FRAME_OVERHEAD_BYTES;
}

/** Where a reader is: the seq of the last frame it took. */
interface ReaderCursor {
  seq: number;
}

/**
 * One run's frames in this process, in order: what the client of the run reads live and what
 * a reader that re-attaches replays, the same objects both times (byte-identical frames).
 * Readers attach, follow to the end, and detach. Under memory pressure the store drops the
 * frames every attached reader already took (`dropTaken`); a reader asking for dropped ones
 * is refused (`keeps`), never silently skipped ahead.
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
    /** Told whenever the number of attached readers changes. */
    private onReaders: (count: number) => void = () => undefined,
  ) {}

  /** Bytes (frameCostBytes) of every frame appended so far, kept or dropped. */
  get totalBytes(): number {
    return this.appendedBytes;
  }

  /** Bytes of the frames still kept. */
  get keptBytes(): number {
    return this.appendedBytes - this.droppedBytes;
  }

  /** Adds the run's next frame (its `id` is its seq), wakes its readers; returns its cost. */
  append(frame: MessageEvent): number {
    const cost = frameCostBytes(frame);
    this.frames.push(frame);
    this.appendedBytes += cost;
    this.byteEnds.push(this.appendedBytes);
    this.wake();
    return cost;
  }

  /** No frame comes after this one; readers finish once they took everything. */
  end(): void {
    this.ended = true;
    this.onReaders = () => undefined; // what a finished run keeps is its frames, no closures
    this.wake();
  }

  /** Whether every frame after `afterSeq` is still kept (a reader from there loses none). */
  keeps(afterSeq: number): boolean {
    return afterSeq >= this.firstSeq - 1;
  }

  /**
   * A reader of every frame after `afterSeq` (which `keeps`), then of live ones until the end.
   * It counts as attached from now until its iteration ends or `close` is called.
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

  /**
   * Undefined when no attached reader trails by more than READER_LAG_BYTES (the common case,
   * on every frame), else a promise that resolves once none does (or the signal fires).
   */
  waitForReaders(signal: AbortSignal): Promise<void> | undefined {
    if (signal.aborted || this.slowestLagBytes() <= READER_LAG_BYTES) return undefined;
    return this.pollReaders(signal);
  }

  private async pollReaders(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && this.slowestLagBytes() > READER_LAG_BYTES)
      await new Promise((resolve) => setTimeout(resolve, READER_LAG_POLL_MS));
  }

  /**
   * Drops the frames every attached reader has taken (all of them when none is attached);
   * returns the bytes freed. Slots are freed at once but the arrays are compacted only once
   * half of them is dropped, so dropping stays O(1) amortised per frame.
   */
  dropTaken(): number {
    let upTo = this.firstSeq - 1 + (this.frames.length - this.head);
    for (const cursor of this.cursors) upTo = Math.min(upTo, cursor.seq);
    const before = this.droppedBytes;
    while (this.firstSeq <= upTo) {
      this.droppedBytes = this.byteEnds[this.head];
      this.frames[this.head] = undefined as never;
      this.head += 1;
      this.firstSeq += 1;
    }
    if (this.head * 2 >= this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.byteEnds = this.byteEnds.slice(this.head);
      this.head = 0;
    }
    return this.droppedBytes - before;
  }

  private frameAfter(cursor: ReaderCursor): MessageEvent | undefined {
    const index = cursor.seq + 1 - this.firstSeq;
    const frame = this.frames[this.head + index];
    if (frame) cursor.seq += 1;
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

  private nextAppend(): Promise<void> {
    return new Promise((resolve) => this.wakeReaders.push(resolve));
  }

  private wake(): void {
    const waiting = this.wakeReaders;
    this.wakeReaders = [];
    for (const resolve of waiting) resolve();
  }
}
