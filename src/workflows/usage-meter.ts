import type { TokenUsage } from '../common/run-events/run-event.types.js';

export const NO_USAGE: Readonly<TokenUsage> = {
  prompt_tokens: 0,
  completion_tokens: 0,
  total_tokens: 0,
};

/** A detail summed over calls; present once any call reported it. */
function sumDetail(total: number | undefined, added: number | undefined): number | undefined {
  return total === undefined && added === undefined ? undefined : (total ?? 0) + (added ?? 0);
}

/**
 * `total` plus one model call's usage; a missing total_tokens is prompt + completion. Cached
 * and reasoning tokens are summed where any call reported them, and absent where none did.
 */
export function addUsage(total: TokenUsage, usage: Partial<TokenUsage> | undefined): TokenUsage {
  if (!usage) return total;
  const prompt = usage.prompt_tokens ?? 0;
  const completion = usage.completion_tokens ?? 0;
  const cached = sumDetail(
    total.prompt_tokens_details?.cached_tokens,
    usage.prompt_tokens_details?.cached_tokens,
  );
  const reasoning = sumDetail(
    total.completion_tokens_details?.reasoning_tokens,
    usage.completion_tokens_details?.reasoning_tokens,
  );
  return {
    prompt_tokens: total.prompt_tokens + prompt,
    completion_tokens: total.completion_tokens + completion,
    total_tokens: total.total_tokens + (usage.total_tokens ?? prompt + completion),
    ...(cached !== undefined && { prompt_tokens_details: { cached_tokens: cached } }),
    ...(reasoning !== undefined && { completion_tokens_details: { reasoning_tokens: reasoning } }),
  };
}

/**
 * A run's token usage so far, across every model call (PROTOCOL.md: `done.usage`), for the
 * run's record and its `done` even when it stops midway. Workflows built with the kit feed
 * it from their graph's state updates (runGraph).
 */
export class UsageMeter {
  private total: TokenUsage = NO_USAGE;

  add(usage: Partial<TokenUsage> | undefined): void {
    this.total = addUsage(this.total, usage);
  }

  snapshot(): TokenUsage {
    return { ...this.total };
  }
}
