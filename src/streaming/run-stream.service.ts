import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import {
  concatMap,
  defer,
  endWith,
  finalize,
  from,
  ignoreElements,
  interval,
  map,
  merge,
  type Observable,
  share,
  startWith,
  takeUntil,
  tap,
} from 'rxjs';
import { streamingConfig } from '../config/streaming.config.js';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import type { RunReader } from '../run-control/run-store.js';
import { translateFrame, type WireProtocol } from './protocols/wire-protocol.js';
import { SocketWindow } from './socket-backpressure.js';

const PING: MessageEvent = { comment: 'ping' };

/** How a client reads a run: its wire protocol, and the seq it already has (resume). */
export interface StreamView {
  protocol: WireProtocol;
  /** Translated protocols read the log from seq 1 and send only what comes after this. */
  afterSeq: number;
}

/**
 * One client's view of a run: an opening comment (with the `retry:` hint) at once, the run's
 * frames from its reader as the client's socket takes them, keepalive pings, and completion
 * after `done`. The same path
 * serves the client that started the run and one that resumes it, so their frames are the
 * same bytes. Unsubscribing (the client left) detaches the reader.
 */
@Injectable()
export class RunStreamService {
  constructor(
    @Inject(streamingConfig.KEY) private readonly streaming: ConfigType<typeof streamingConfig>,
    private readonly metrics: RunMetrics,
  ) {}

  follow(
    runId: string,
    reader: RunReader,
    sink: Writable & { socket: Socket | null },
    logger: Logger,
    view: StreamView,
  ): Observable<MessageEvent> {
    // Deferred: a client that left before Nest subscribed never counts as connected.
    return defer(() => {
      const window = new SocketWindow(sink.socket);
      const disconnected = this.metrics.sseClientConnected();
      const translate = view.protocol.translator?.();
      const frames = from(this.paced(reader, window, sink, logger)).pipe(
        concatMap((frame) =>
          translate ? translateFrame(frame, translate, view.afterSeq) : [frame],
        ),
        tap((frame) => window.add((frame.data as string).length)),
        share(),
      );
      const pings = interval(this.streaming.keepaliveIntervalMs).pipe(
        map(() => PING),
        takeUntil(frames.pipe(ignoreElements(), endWith(true))),
      );
      return merge(frames, pings).pipe(
        // The opening frame carries the `retry:` hint, and an id (the seq the client has) so
        // Nest does not number it: an EventSource that drops before the first frame then
        // reconnects with Last-Event-ID of what it really has.
        startWith<MessageEvent>({
          id: String(view.afterSeq),
          retry: this.streaming.retryMs,
          comment: `run ${runId}`,
        }),
        finalize(() => {
          reader.close();
          disconnected();
        }),
      );
    });
  }

  /**
   * The reader's frames, each taken only once the socket has room for it (backpressure). A
   * client that takes nothing for SSE_WRITE_TIMEOUT_SECONDS is dropped like one that left.
   * A reader that fails (the shared store went away) ends the stream without `done`: the
   * client resumes with Last-Event-ID once the store is back.
   */
  private async *paced(
    reader: RunReader,
    window: SocketWindow,
    sink: Writable,
    logger: Logger,
  ): AsyncGenerator<MessageEvent> {
    try {
      for await (const frame of reader) {
        yield frame;
        if (!(await window.waitForRoom(this.streaming.writeTimeoutMs))) {
          logger.warn(
            { write_timeout_ms: this.streaming.writeTimeoutMs },
            'client stopped reading; dropping it',
          );
          sink.destroy();
          return;
        }
      }
    } catch (error) {
      logger.warn({ err: error }, 'reading the run store failed; ending this stream');
    }
  }
}
