import { Injectable } from '@nestjs/common';
import { maskableSecrets, maskText } from './mask-secrets.js';

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
    for (const secret of maskableSecrets(secrets)) {
      yield secret;
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret) yield escaped;
    }
  }
}
