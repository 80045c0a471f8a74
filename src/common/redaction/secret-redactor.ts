import { maskableSecrets, maskNeedles } from './mask-secrets.js';
import { spellingsOf } from './secret-spellings.js';

/** Whether `text` ends with the first `length` characters of `spelling` (no allocation: per token). */
function endsWithPrefix(text: string, spelling: string, length: number): boolean {
  const start = text.length - length;
  for (let index = length - 1; index >= 0; index -= 1)
    if (text.charCodeAt(start + index) !== spelling.charCodeAt(index)) return false;
  return true;
}

/**
 * The one masking of a run's credentials (api key, vault values, bearer token): every
 * spelling of each (secret-spellings.ts), longest first so a longer form is never half
 * replaced by a shorter one. Used for the run's events, what tools hand the model, error
 * messages and, through SecretMasker, log lines.
 */
export class SecretRedactor {
  readonly spellings: readonly string[];

  constructor(secrets: Iterable<string>) {
    const forms = maskableSecrets(secrets).flatMap(spellingsOf);
    this.spellings = [...new Set(forms)].sort((a, b) => b.length - a.length);
  }

  text(text: string): string {
    return maskNeedles(text, this.spellings);
  }

  /** A copy of `value` with every string (keys included) masked; unchanged parts as they are. */
  deep<T>(value: T): T {
    if (this.spellings.length === 0) return value;
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.deep(item)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.text(key), this.deep(item)]),
      ) as T;
    }
    return value;
  }

  /**
   * How many characters at the end of `text` could be the start of a secret: the longest
   * suffix that is a proper prefix of a spelling (0 when none is).
   */
  partialTailLength(text: string): number {
    let longest = 0;
    for (const spelling of this.spellings) {
      for (let length = Math.min(spelling.length - 1, text.length); length > longest; length -= 1)
        if (endsWithPrefix(text, spelling, length)) {
          longest = length;
          break;
        }
    }
    return longest;
  }

  /** `text` masked, and cut before a trailing partial secret (a body cut at a size limit). */
  cut(text: string): string {
    const masked = this.text(text);
    return masked.slice(0, masked.length - this.partialTailLength(masked));
  }
}
