import { Injectable } from '@nestjs/common';
import { RequestError } from '../common/errors/execution-plane.error.js';
import { UsedTokens } from './used-tokens.js';

/** Used tokens one process remembers; expired ones are forgotten first when it is full. */
export const MAX_REMEMBERED_TOKENS = 100_000;

/** Memory adapter (no REDIS_URL): one process, one memory; a token's digest to its expiry. */
@Injectable()
export class MemoryUsedTokens extends UsedTokens {
  private readonly used = new Map<string, number>();

  useOnce(keys: readonly string[], untilMs: number): Promise<boolean> {
    const now = Date.now();
    if (keys.some((key) => (this.used.get(key) ?? 0) > now)) return Promise.resolve(false);
    if (this.used.size + keys.length > MAX_REMEMBERED_TOKENS) this.forgetExpired(now);
    // Full of live tokens: refusing is safe, forgetting one would let it be replayed.
    if (this.used.size + keys.length > MAX_REMEMBERED_TOKENS)
      return Promise.reject(
        new RequestError(
          'run_store_unavailable',
          'Too many approvals are in use to remember another; try again shortly',
          undefined,
          1,
        ),
      );
    for (const key of keys) this.used.set(key, untilMs);
    return Promise.resolve(true);
  }

  private forgetExpired(now: number): void {
    for (const [key, until] of this.used) if (until <= now) this.used.delete(key);
  }
}
