import type { RawCompletionChunk, RawUsage } from './completion-chunk.js';

function isUsage(value: RawUsage | null | undefined): value is RawUsage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (typeof value.prompt_tokens === 'number' ||
      typeof value.completion_tokens === 'number' ||
      typeof value.total_tokens === 'number')
  );
}

/**
 * The usage a chunk reports, wherever the server puts it: beside the choices (OpenAI, with
 * `stream_options.include_usage`), inside the first choice (Moonshot) or in `x_groq` (Groq).
 *
 * Usage in a stream is a running total, never an increment: vLLM with continuous usage stats
 * repeats it on every chunk, others send it once, on the last content chunk or after it. The
 * caller keeps the latest one, so a call's usage counts exactly once.
 */
export function usageIn(chunk: RawCompletionChunk): RawUsage | undefined {
  const candidates = [chunk.usage, chunk.choices?.[0]?.usage, chunk.x_groq?.usage];
  return candidates.find(isUsage);
}
