import type { SecretRedactor } from '../common/redaction/secret-redactor.js';
import { TextStreamRedactor } from '../common/redaction/text-stream.redactor.js';
import type { RunEventBody } from '../common/run-events/run-event.types.js';

type TextEventType = 'message_chunk' | 'tool_thinking';
const TEXT_EVENT_TYPES: readonly TextEventType[] = ['message_chunk', 'tool_thinking'];

const isTextEvent = (body: RunEventBody): body is RunEventBody<TextEventType> =>
  (TEXT_EVENT_TYPES as readonly string[]).includes(body.type);

/**
 * A run's text deltas (`message_chunk`, `tool_thinking`) masked as one stream each, so a
 * secret split across two frames is caught (TextStreamRedactor). A delta that is all held
 * back gives no event; held text goes out, as its own delta, before the next event of
 * another kind and before `done`. Every other event passes as it is (the encoder masks it).
 */
export class TextEventRedaction {
  private readonly streams = new Map<TextEventType, TextStreamRedactor>();

  constructor(private readonly redactor: SecretRedactor) {}

  /** Whether `body` came out of `through` already masked, so the encoder need not mask it again. */
  masked(body: RunEventBody): boolean {
    return isTextEvent(body);
  }

  /** The events to append for `body`, in order. */
  through(body: RunEventBody): RunEventBody[] {
    if (this.redactor.spellings.length === 0) return [body];
    if (!isTextEvent(body)) return [...this.flush(), body];
    const content = this.stream(body.type).push(body.content);
    return content ? [{ ...body, content }] : [];
  }

  private flush(): RunEventBody[] {
    const events: RunEventBody[] = [];
    for (const [type, stream] of this.streams) {
      const content = stream.flush();
      if (content) events.push({ type, content });
    }
    return events;
  }

  private stream(type: TextEventType): TextStreamRedactor {
    let stream = this.streams.get(type);
    if (!stream) this.streams.set(type, (stream = new TextStreamRedactor(this.redactor)));
    return stream;
  }
}
