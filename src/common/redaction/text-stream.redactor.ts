import { MIN_MASKED_SECRET_LENGTH, SECRET_MASK } from './mask-secrets.js';
import type { SecretRedactor } from './secret-redactor.js';

/**
 * Masks a stream of text deltas (one run's `message_chunk`s, or its `tool_thinking`s) where a
 * secret may be split across two deltas: what could be the start of a secret is held back
 * until the next delta shows whether it is one. Text is delayed by at most that tail (one
 * spelling's length less one), never otherwise.
 */
export class TextStreamRedactor {
  private held = '';

  constructor(private readonly redactor: SecretRedactor) {}

  /** The part of `delta` (with what was held) that can go out now, masked. */
  push(delta: string): string {
    const masked = this.redactor.text(this.held + delta);
    const tail = this.redactor.partialTailLength(masked);
    this.held = masked.slice(masked.length - tail);
    return masked.slice(0, masked.length - tail);
  }

  /**
   * What is still held, once the text ends (or another event comes) before a secret's rest
   * could: a start of a secret long enough to mean something is masked, a shorter one (a
   * word that merely begins like a secret) goes out as it is.
   */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest.length >= MIN_MASKED_SECRET_LENGTH ? SECRET_MASK : rest;
  }
}
