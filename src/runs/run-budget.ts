import { RunError } from '../common/errors/execution-plane.error.js';
import type { BudgetDto, BudgetLimit } from '../payload/dto/budget.dto.js';

/** What a run has spent so far, as its budget counts it. */
export interface RunSpend {
  modelCalls: number;
  toolCalls: number;
  totalTokens: number;
  cost: number;
}

/**
 * runtime_config.budget's checks, in one place. A limit is reached when the spend is at or
 * above it: no model or tool call starts then. While a call streams, its tokens (estimated
 * until the provider's usage comes) stop the run once they go above a limit.
 */
export class RunBudget {
  constructor(private readonly limits: BudgetDto = {}) {}

  /** Whether spend must be checked as a call's tokens arrive (a token or cost limit). */
  get watchesTokens(): boolean {
    return this.limits.max_total_tokens !== undefined || this.limits.max_cost !== undefined;
  }

  get maxDurationMs(): number | undefined {
    return this.limits.max_duration_ms;
  }

  beforeModelCall(spend: RunSpend): RunError | undefined {
    if (this.atOrAbove('max_model_calls', spend.modelCalls))
      return this.exceeded('max_model_calls');
    return this.reachedSpend(spend, (limit, value) => this.atOrAbove(limit, value));
  }

  beforeToolCall(spend: RunSpend): RunError | undefined {
    return this.atOrAbove('max_tool_calls', spend.toolCalls)
      ? this.exceeded('max_tool_calls')
      : undefined;
  }

  whileAnswering(spend: RunSpend): RunError | undefined {
    return this.reachedSpend(spend, (limit, value) => value > (this.limits[limit] ?? Infinity));
  }

  exceeded(limit: BudgetLimit): RunError {
    return new RunError(
      'budget_exceeded',
      `The run reached its budget: ${limit} = ${this.limits[limit]}`,
      false,
    );
  }

  private reachedSpend(
    spend: RunSpend,
    reached: (limit: BudgetLimit, value: number) => boolean,
  ): RunError | undefined {
    if (reached('max_total_tokens', spend.totalTokens)) return this.exceeded('max_total_tokens');
    if (reached('max_cost', spend.cost)) return this.exceeded('max_cost');
    return undefined;
  }

  private atOrAbove(limit: BudgetLimit, value: number): boolean {
    const bound = this.limits[limit];
    return bound !== undefined && value >= bound;
  }
}
