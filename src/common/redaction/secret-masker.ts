import { Injectable } from '@nestjs/common';
import { jsonEscaped, maskableSecrets, maskNeedles } from './mask-secrets.js';
import { spellingsOf } from './secret-spellings.js';

/**
 * The secret strings of the runs in progress, masked out of every log line this process
 * writes: credentials (api keys, vault values, Authorization headers) in every spelling
 * (secret-spellings.ts), message contents raw and JSON-escaped. Held with a reference count,
 * so two runs sharing a key do not unmask each other.
 */
@Injectable()
export class SecretMasker {
  private readonly needles = new Map<string, number>();
  /** The needles longest first, rebuilt when they change: a longer form masks before its parts. */
  private ordered: string[] = [];

  /** Registers a run's secrets; call the returned function when the run ends. */
  register(credentials: Iterable<string>, content: Iterable<string> = []): () => void {
    const added = new Set([
      ...maskableSecrets(credentials).flatMap(spellingsOf),
      ...maskableSecrets(content).flatMap((text) => [text, jsonEscaped(text)]),
    ]);
    for (const needle of added) this.needles.set(needle, (this.needles.get(needle) ?? 0) + 1);
    this.reorder();
    return () => {
      for (const needle of added) {
        const count = (this.needles.get(needle) ?? 1) - 1;
        if (count > 0) this.needles.set(needle, count);
        else this.needles.delete(needle);
      }
      this.reorder();
    };
  }

  mask(text: string): string {
    return maskNeedles(text, this.ordered);
  }

  private reorder(): void {
    this.ordered = [...this.needles.keys()].sort((a, b) => b.length - a.length);
  }
}
