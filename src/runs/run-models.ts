import { type FieldIssue, fieldIssuesError } from '../common/errors/execution-plane.error.js';
import type { ModelSettings } from '../model-gateway/chat-model.provider.js';
import type { ModelConfigDto } from '../payload/dto/model-config.dto.js';
import type { RuntimeConfigDto } from '../payload/dto/runtime-config.dto.js';
import { modelRequestIssues, modelRequestOf } from './model-request.mapper.js';

/** The run's model configs in the order they are tried, each with where it sits. */
function candidatesOf(config: RuntimeConfigDto): [string, ModelConfigDto][] {
  return [
    ['runtime_config.model', config.model],
    ...(config.fallback_models ?? []).map((model, index): [string, ModelConfigDto] => [
      `runtime_config.fallback_models[${index}]`,
      model,
    ]),
  ];
}

/**
 * Prices must cover every model the run may call, in one currency, or a cost would be
 * silently low or a sum of two currencies; `max_cost` needs prices to count against.
 */
function pricingIssues(config: RuntimeConfigDto): FieldIssue[] {
  const { pricing, budget } = config;
  if (!pricing) {
    return budget?.max_cost === undefined
      ? []
      : [
          {
            path: 'runtime_config.budget.max_cost',
            message: 'max_cost needs runtime_config.pricing',
          },
        ];
  }
  const unpriced = candidatesOf(config).filter(([, model]) => !pricing.has(model.model_name));
  const issues = unpriced.map(([path]) => ({
    path: `${path}.model_name`,
    message: 'runtime_config.pricing has no price for this model',
  }));
  if (new Set([...pricing.values()].map((price) => price.currency)).size > 1)
    issues.push({ path: 'runtime_config.pricing', message: 'all prices must share one currency' });
  return issues;
}

/**
 * The models a run may call, in order (the model, then `fallback_models`), as the model
 * gateway takes them. 400 invalid_payload when a model's request cannot be made
 * (modelRequestIssues) or the pricing does not cover the run's models.
 */
export function runModelsOf(
  config: RuntimeConfigDto,
  toolNames: readonly string[],
): ModelSettings[] {
  const vault = config.vault ?? {};
  const candidates = candidatesOf(config);
  const issues = [
    ...candidates.flatMap(([path, model]) => modelRequestIssues(model, vault, toolNames, path)),
    ...pricingIssues(config),
  ];
  if (issues.length > 0) throw fieldIssuesError('invalid_payload', 'Invalid model config', issues);
  return candidates.map(([, model]) => ({
    modelName: model.model_name,
    baseUrl: model.base_url,
    apiKey: model.api_key,
    request: modelRequestOf(model, vault),
  }));
}
