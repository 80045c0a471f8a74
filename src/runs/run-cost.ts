import type { ModelCost, RunCost, TokenUsage } from '../common/run-events/run-event.types.js';
import type { ModelPriceDto } from '../payload/dto/model-price.dto.js';

/** Prices are per this many tokens (runtime_config.pricing: `…_per_million`). */
const TOKENS_PER_PRICE_UNIT = 1_000_000;
/** Costs are rounded to this many decimals: below any currency's unit, above float noise. */
const COST_DECIMALS = 10;

const rounded = (amount: number) => Number(amount.toFixed(COST_DECIMALS));

/**
 * What `usage` costs at `price`: cached prompt tokens at the cached price (the input price
 * when none is given), the other prompt tokens at the input price, completion tokens
 * (reasoning tokens are among them) at the output price.
 */
export function modelCost(usage: TokenUsage, price: ModelPriceDto): ModelCost {
  const cached = Math.min(usage.prompt_tokens_details?.cached_tokens ?? 0, usage.prompt_tokens);
  const cachedPrice = price.cached_input_per_million ?? price.input_per_million;
  const input = ((usage.prompt_tokens - cached) * price.input_per_million) / TOKENS_PER_PRICE_UNIT;
  const cachedInput = (cached * cachedPrice) / TOKENS_PER_PRICE_UNIT;
  const output = (usage.completion_tokens * price.output_per_million) / TOKENS_PER_PRICE_UNIT;
  return {
    input: rounded(input),
    cached_input: rounded(cachedInput),
    output: rounded(output),
    total: rounded(input + cachedInput + output),
  };
}

/**
 * A run's cost from its usage by model; undefined without pricing. The factory made sure
 * every model of the run has a price and that they share one currency (run-models.ts).
 */
export function runCost(
  byModel: ReadonlyMap<string, TokenUsage>,
  pricing: ReadonlyMap<string, ModelPriceDto> | undefined,
): RunCost | undefined {
  if (!pricing || pricing.size === 0) return undefined;
  const costs = [...byModel].flatMap(([model, usage]) => {
    const price = pricing.get(model);
    return price ? [[model, modelCost(usage, price)] as const] : [];
  });
  return {
    total: rounded(costs.reduce((sum, [, cost]) => sum + cost.total, 0)),
    currency: pricing.values().next().value?.currency as string,
    by_model: Object.fromEntries(costs),
  };
}
