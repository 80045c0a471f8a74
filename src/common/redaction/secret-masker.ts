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
  /**
   * Each needle's count of runs, in buckets by length: masking goes longest first (a longer
   * form masks before its parts), and a run's register and release touch only its own
   * needles. A sort of every run's needles on each register and release grew with runs in
   * flight × their messages (docs/performance.md, lever 18).
   */
  private readonly byLength = new Map<number, Map<string, number>>();
  /** Every needle longest first, for masking; undefined when a needle came or went since. */
  private ordered: string[] | undefined = [];

  /** Registers a run's secrets; call the returned function when the run ends. */
  register(credentials: Iterable<string>, content: Iterable<string> = []): () => void {
    const added = new Set([
      ...maskableSecrets(credentials).flatMap(spellingsOf),
      ...maskableSecrets(content).flatMap((text) => [text, jsonEscaped(text)]),
    ]);
    for (const needle of added) this.count(needle, 1);
    return () => {
      for (const needle of added) this.count(needle, -1);
    };
  }

  mask(text: string): string {
    this.ordered ??= [...this.byLength.keys()]
      .sort((a, b) => b - a)
      .flatMap((length) => [...(this.byLength.get(length)?.keys() ?? [])]);
    return maskNeedles(text, this.ordered);
  }

  private count(needle: string, change: 1 | -1): void {
    const bucket = this.byLength.get(needle.length) ?? new Map<string, number>();
    const count = (bucket.get(needle) ?? 0) + change;
    if (count > 0) bucket.set(needle, count);
    else bucket.delete(needle);
    if (bucket.size > 0) this.byLength.set(needle.length, bucket);
    else this.byLength.delete(needle.length);
    // A needle that came or went changes what masking looks for; a count that moved does not.
    if (count <= 0 || (count === 1 && change > 0)) this.ordered = undefined;
  }
}
