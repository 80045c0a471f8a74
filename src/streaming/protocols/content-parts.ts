/** The two kinds of streamed content both translated protocols frame in start/end pairs. */
export type PartKind = 'text' | 'reasoning';

/** How a protocol opens and closes a part, and how it names one. */
export interface PartFraming {
  start(kind: PartKind, id: string): object[];
  end(kind: PartKind, id: string): object[];
  /** The id of the `count`-th part (1-based) of run `runId`'s stream. */
  idOf(kind: PartKind, count: number, runId: string): string;
}

/**
 * The open text or reasoning part of one translated stream: at most one is open, a delta of
 * the other kind (or a tool call, an error, the end) closes it first. Both AG-UI and the
 * AI SDK stream protocol require every started part to be ended before the run ends.
 */
export class ContentParts {
  private open?: { kind: PartKind; id: string };
  private count = 0;

  constructor(private readonly framing: PartFraming) {}

  /** The frames that make a `kind` part the open one (ending another), and its id. */
  private enter(kind: PartKind, runId: string): { frames: object[]; id: string } {
    if (this.open?.kind === kind) return { frames: [], id: this.open.id };
    const frames = this.close();
    const id = this.framing.idOf(kind, ++this.count, runId);
    this.open = { kind, id };
    return { frames: [...frames, ...this.framing.start(kind, id)], id };
  }

  /** One delta of a `kind` part: the frames that open it if needed, then `delta(its id)`. */
  append(kind: PartKind, runId: string, delta: (id: string) => object): object[] {
    const { frames, id } = this.enter(kind, runId);
    return [...frames, delta(id)];
  }

  /** The frames that end the open part, if any. */
  close(): object[] {
    const open = this.open;
    this.open = undefined;
    return open ? this.framing.end(open.kind, open.id) : [];
  }
}
