import type { TokenUsage } from '../common/run-events/run-event.types.js';
import type { RawUsage } from '../model-gateway/dialects/completion-chunk.js';

export const NO_USAGE: Readonly<TokenUsage> = {
  prompt_tokens: 0,
  completion_tokens: 0,
  total_tokens: 0,
};

/**
 * Characters per token when a call's usage must be estimated: OpenAI's rule of thumb for
 * English text ("one token generally corresponds to ~4 characters", help.openai.com, "What
 * are tokens and how to count them?"). Rough for other languages; marked `estimated`.
 */
export const CHARS_PER_TOKEN_ESTIMATE = 4;

/** A detail summed over calls; present once any call reported it. */
function sumDetail(total: number | undefined, added: number | undefined): number | undefined {
  return total === undefined && added === undefined ? undefined : (total ?? 0) + (added ?? 0);
}

/**
 * `total` plus one model call's usage. Cached and reasoning tokens are summed where any call
 * reported them, and absent where none did; `estimated` once any part was.
 */
export function addUsage(total: TokenUsage, usage: TokenUsage): TokenUsage {
  const cached = sumDetail(
    total.prompt_tokens_details?.cached_tokens,
    usage.prompt_tokens_details?.cached_tokens,
  );
  const reasoning = sumDetail(
    total.completion_tokens_details?.reasoning_tokens,
    usage.completion_tokens_details?.reasoning_tokens,
  );
  return {
    prompt_tokens: total.prompt_tokens + usage.prompt_tokens,
    completion_tokens: total.completion_tokens + usage.completion_tokens,
    total_tokens: total.total_tokens + usage.total_tokens,
    ...(cached !== undefined && { prompt_tokens_details: { cached_tokens: cached } }),
    ...(reasoning !== undefined && { completion_tokens_details: { reasoning_tokens: reasoning } }),
    ...((total.estimated || usage.estimated) && { estimated: true }),
  };
}

const count = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/** A provider's usage as ours; a missing total is prompt + completion. */
export function usageOfRaw(raw: RawUsage): TokenUsage {
  const prompt = count(raw.prompt_tokens) ?? 0;
  const completion = count(raw.completion_tokens) ?? 0;
  const cached = count(raw.prompt_tokens_details?.cached_tokens);
  const reasoning = count(raw.completion_tokens_details?.reasoning_tokens);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: count(raw.total_tokens) ?? prompt + completion,
    ...(cached !== undefined && { prompt_tokens_details: { cached_tokens: cached } }),
    ...(reasoning !== undefined && { completion_tokens_details: { reasoning_tokens: reasoning } }),
  };
}

/** A call's usage from its sizes: the request's JSON and the answer streamed so far. */
export function estimatedUsage(requestChars: number, answerChars: number): TokenUsage {
  const prompt = Math.ceil(requestChars / CHARS_PER_TOKEN_ESTIMATE);
  const completion = Math.ceil(answerChars / CHARS_PER_TOKEN_ESTIMATE);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    estimated: true,
  };
}
