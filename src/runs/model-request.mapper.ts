import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import type { ModelRequest } from '../model-gateway/model-request.js';
import type { ModelConfigDto } from '../payload/dto/model-config.dto.js';
import { renderHeaders, vaultHeaderIssues } from '../tools/egress/request-template.js';

/** Request fields of the model config sent under their own names, each only when given. */
export const MODEL_REQUEST_FIELDS = [
  'temperature',
  'max_tokens',
  'max_completion_tokens',
  'top_p',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'reasoning_effort',
  'response_format',
] as const satisfies readonly (keyof ModelConfigDto)[];

/** `tool_choice` naming a function the run does not offer, or forcing a call without tools. */
function toolChoiceIssues(
  model: ModelConfigDto,
  toolNames: readonly string[],
  modelPath: string,
): FieldIssue[] {
  const choice = model.tool_choice;
  if (typeof choice === 'object' && !toolNames.includes(choice.function.name))
    return [
      {
        path: `${modelPath}.tool_choice.function.name`,
        message: 'no tool of the run has this name',
      },
    ];
  if (choice === 'required' && toolNames.length === 0)
    return [{ path: `${modelPath}.tool_choice`, message: 'required needs tools' }];
  return [];
}

/**
 * Why a model config's request cannot be made (`modelPath`: where the config sits): a
 * header naming an unknown vault key, a `tool_choice` naming a tool the run does not have
 * (`toolNames`: the run's tools, MCP ones included).
 */
export function modelRequestIssues(
  model: ModelConfigDto,
  vault: Record<string, string>,
  toolNames: readonly string[],
  modelPath: string,
): FieldIssue[] {
  return [
    ...vaultHeaderIssues(model.extra_headers, vault, `${modelPath}.extra_headers`, 'model'),
    ...toolChoiceIssues(model, toolNames, modelPath),
  ];
}

/**
 * The model config as what every request of the run carries (ModelRequest): its fields in
 * wire form, `extra_body` merged over them, headers with their vault values. For a config
 * without modelRequestIssues.
 */
export function modelRequestOf(model: ModelConfigDto, vault: Record<string, string>): ModelRequest {
  const given = MODEL_REQUEST_FIELDS.filter((field) => model[field] !== undefined);
  const fields = Object.fromEntries(given.map((field) => [field, model[field]]));
  const headers = renderHeaders(model.extra_headers, { vault, args: {} }, new Set());
  return {
    fields: { ...fields, ...model.extra_body },
    toolChoice: model.tool_choice,
    parallelToolCalls: model.parallel_tool_calls,
    headers,
  };
}
