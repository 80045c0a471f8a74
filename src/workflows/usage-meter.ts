import type { TokenUsage } from '../common/run-events/run-event.types.js';

/** Sums token usage across every model call of a run (PROTOCOL.md: `done.usage`). */
export class UsageMeter {
  private readonly total: TokenUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

  add(usage: Partial<TokenUsage> | undefined): void {
    if (!usage) return;
    const prompt = usage.prompt_tokens ?? 0;
    const completion = usage.completion_tokens ?? 0;
    this.total.prompt_tokens += prompt;
    this.total.completion_tokens += completion;
    this.total.total_tokens += usage.total_tokens ?? prompt + completion;
  }

  snapshot(): TokenUsage {
    return { ...this.total };
  }
}
