import { Injectable } from '@nestjs/common';
import { maskText } from './mask-secrets.js';

export const SECRET_MASK = '***';
/**
 * Shorter values are not masked: they cannot be told apart from ordinary text, and masking
 * them would garble every log line. No code logs payload values in the first place; this
 * is the safety net under that rule.
 */
export const MIN_MASKED_SECRET_LENGTH = 4;

/**
 * The secret strings of the runs in progress (api keys, vault values, Authorization headers,
 * message contents), masked out of every log line this process writes. Held with a
 * reference count, so two runs sharing a key do not unmask each other.
 */
@Injectable()
export class SecretMasker {
  private readonly needles = new Map<string, number>();

  /** Registers a run's secrets; call the returned function when the run ends. */
  register(secrets: Iterable<string>): () => void {
    const added = [...new Set(this.spellings(secrets))];
    for (const needle of added) this.needles.set(needle, (this.needles.get(needle) ?? 0) + 1);
    return () => {
      for (const needle of added) {
        const count = (this.needles.get(needle) ?? 1) - 1;
        if (count > 0) this.needles.set(needle, count);
        else this.needles.delete(needle);
      }
    };
  }

  mask(text: string): string {
    return this.needles.size === 0 ? text : maskText(text, [...this.needles.keys()]);
  }

  /** The raw value and, where it differs, its JSON-escaped form (log lines are JSON). */
  private *spellings(secrets: Iterable<string>): Generator<string> {
    for (const secret of secrets) {
      if (secret.length < MIN_MASKED_SECRET_LENGTH) continue;
      yield secret;
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret) yield escaped;
    }
  }
}
