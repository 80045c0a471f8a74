import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import { Observable, type Subscriber } from 'rxjs';
import { TurnBudget } from '../common/scheduling/turn-budget.js';
import { streamingConfig } from '../config/streaming.config.js';
import { RunMetrics } from '../metrics/run-metrics.service.js';
import type { RunReader } from '../run-control/run-store.js';
import { translateFrame, type WireProtocol } from './protocols/wire-protocol.js';
import { SocketWindow } from './socket-backpressure.js';
import { TurnCork } from './turn-cork.js';

const PING: MessageEvent = { comment: 'ping' };

/** The response a stream is written to (an http ServerResponse). */
export type SseSink = Writable & { socket: Socket | null; req?: { httpVersion: string } };

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
    sink: SseSink,
    logger: Logger,
    view: StreamView,
  ): Observable<MessageEvent> {
    // One Observable rather than a chain of operators (share, merge, startWith, tap): each
    // operator is a subscriber call on every frame (docs/performance.md). Its body runs at
    // subscription: a client that left before Nest subscribed never counts as connected.
    return new Observable<MessageEvent>((subscriber) => {
      const window = new SocketWindow(sink.socket, sink.req?.httpVersion !== '1.0');
      const cork = new TurnCork(sink.socket);
      const disconnected = this.metrics.sseClientConnected();
      const translate = view.protocol.translator?.();
      // Every message counts against the window, pings and the opening one too.
      const send = (message: MessageEvent) => {
        window.add(message);
        cork.hold();
        subscriber.next(message);
      };
      const sendFrame = translate
        ? (frame: MessageEvent) => {
            for (const message of translateFrame(frame, translate, view.afterSeq)) send(message);
          }
        : send;
      // The opening frame carries the `retry:` hint, and an id (the seq the client has) so
      // Nest does not number it: an EventSource that drops before the first frame then
      // reconnects with Last-Event-ID of what it really has.
      send({ id: String(view.afterSeq), retry: this.streaming.retryMs, comment: `run ${runId}` });
      const pings = setInterval(() => send(PING), this.streaming.keepaliveIntervalMs);
      void this.paced(reader, window, sink, logger, subscriber, sendFrame).then(() => {
        clearInterval(pings);
        subscriber.complete();
      });
      return () => {
        clearInterval(pings);
        reader.close();
        disconnected();
      };
    });
  }

  /**
   * Hands the reader's frames to `subscriber`, each taken only once the socket has room for
   * it (backpressure). A client that takes nothing for SSE_WRITE_TIMEOUT_SECONDS is dropped
   * like one that left. A reader that fails (the shared store went away) ends the stream
   * without `done`: the client resumes with Last-Event-ID once the store is back. A native
   * loop rather than RxJS's `from()` of a generator: that one is ES5 down-levelled async
   * iteration, several promises per frame (docs/performance.md).
   */
  private async paced(
    reader: RunReader,
    window: SocketWindow,
    sink: Writable,
    logger: Logger,
    subscriber: Subscriber<MessageEvent>,
    sendFrame: (frame: MessageEvent) => void,
  ): Promise<void> {
    const timeoutMs = this.streaming.writeTimeoutMs;
    const drop = () => {
      logger.warn({ write_timeout_ms: timeoutMs }, 'client stopped reading; dropping it');
      sink.destroy();
    };
    const turn = new TurnBudget();
    try {
      for await (const frame of reader) {
        if (subscriber.closed) return;
        sendFrame(frame);
        const room = window.waitForRoom(timeoutMs); // true, without a promise, while it has room
        if (room !== true && !(await room)) return drop();
        const pause = turn.spend(); // a replay of a long finished run is one such loop too
        if (pause) await pause;
      }
      // The last frames too: a response that ends with bytes its client never takes would
      // otherwise hold its socket (and what is queued on it) for as long as the client likes.
      const taken = window.waitForRoom(timeoutMs, 0);
      if (taken !== true && !(await taken)) drop();
    } catch (error) {
      logger.warn({ err: error }, 'reading the run store failed; ending this stream');
    }
  }
}
