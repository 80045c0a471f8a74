import { ApiExtraModels, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { BudgetDto } from './budget.dto.js';
import { WebhookDto } from './webhook.dto.js';
import { ApprovalSettingsDto } from './tool-approval.dto.js';
import { MAX_PRICED_MODELS, ModelPriceDto, modelPriceInstances } from './model-price.dto.js';
import { rule } from './validation-rule.js';
import { ON_DISCONNECT_CHOICES, type OnDisconnect } from './on-disconnect.js';
import { FreeForm } from './free-form.decorator.js';
import { ReplacedBy } from './replaced-by.decorator.js';
import { ModelConfigDto } from './model-config.dto.js';
import { OptionalNested, RequiredNested } from './required-nested.decorator.js';
import { IsStringRecord } from './string-record.validator.js';
import { TOOL_SPEC_DTOS, type ToolSpecDto, toolSpecInstances } from './tool-spec.dto.js';

/** Models tried after runtime_config.model; each is one more request a failing call makes. */
export const MAX_FALLBACK_MODELS = 4;
/** Times a final answer off its JSON format may be asked again. */
export const MAX_OUTPUT_REPAIR_ATTEMPTS = 3;

@ApiExtraModels(...Object.values(TOOL_SPEC_DTOS), ModelPriceDto)
export class RuntimeConfigDto {
  @RequiredNested(() => ModelConfigDto)
  model: ModelConfigDto;

  @ApiPropertyOptional({
    type: () => [ModelConfigDto],
    maxItems: MAX_FALLBACK_MODELS,
    description:
      'Tried in order when a model call fails before its first token with a retryable error (after its retries) or context_length_exceeded; never once a token reached the client.',
  })
  @IsOptional()
  @IsArray({ message: 'fallback_models must be a list of model configs' })
  @ArrayMaxSize(MAX_FALLBACK_MODELS, {
    message: `at most ${MAX_FALLBACK_MODELS} fallback models are accepted`,
  })
  @IsObject({ each: true, message: 'each fallback model must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ModelConfigDto)
  fallback_models?: ModelConfigDto[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_OUTPUT_REPAIR_ATTEMPTS,
    default: 0,
    example: 1,
    description:
      'With a json_object or json_schema response_format: how many times a final answer that does not parse or validate is sent back to the model with the validation errors.',
  })
  @IsOptional()
  @IsInt({ message: 'output_repair_attempts must be a whole number' })
  @Min(0, { message: 'output_repair_attempts must be 0 or more' })
  @Max(MAX_OUTPUT_REPAIR_ATTEMPTS, {
    message: `output_repair_attempts must be at most ${MAX_OUTPUT_REPAIR_ATTEMPTS}`,
  })
  output_repair_attempts?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ModelPriceDto) },
    example: {
      'gpt-4o': {
        input_per_million: 2.5,
        cached_input_per_million: 1.25,
        output_per_million: 10,
        currency: 'USD',
      },
    },
    description:
      'Prices by model_name; `done.cost` then reports what the run spent. Every model of the run (model and fallback_models) needs one.',
  })
  @IsOptional()
  @rule(
    'isPricing',
    (value) => value instanceof Map && value.size <= MAX_PRICED_MODELS,
    `pricing must be an object of at most ${MAX_PRICED_MODELS} models and their prices`,
  )
  @ValidateNested({ each: true })
  @ReplacedBy(modelPriceInstances)
  pricing?: Map<string, ModelPriceDto>;

  @OptionalNested(() => ApprovalSettingsDto)
  approval?: ApprovalSettingsDto;

  @OptionalNested(() => WebhookDto)
  webhook?: WebhookDto;

  @OptionalNested(() => BudgetDto)
  budget?: BudgetDto;

  @ApiPropertyOptional({
    type: 'array',
    items: { oneOf: Object.values(TOOL_SPEC_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })) },
  })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true, message: 'each tool must be an object' })
  @ValidateNested({ each: true })
  @ReplacedBy(toolSpecInstances)
  tools?: ToolSpecDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { weather_api_key: 'xxx' },
    description: 'Secrets for plugin templates; never echoed, logged or returned.',
  })
  @IsOptional()
  @IsStringRecord()
  @FreeForm()
  vault?: Record<string, string>;

  @ApiPropertyOptional({
    enum: ON_DISCONNECT_CHOICES,
    default: 'cancel',
    description:
      'What the run does when its client goes away: cancel (after DISCONNECT_GRACE_SECONDS, waiting for a reader to resume) or continue to the end.',
  })
  @IsOptional()
  @IsIn(ON_DISCONNECT_CHOICES, { message: 'on_disconnect must be one of: cancel, continue' })
  on_disconnect?: OnDisconnect;

  @ApiPropertyOptional({
    default: false,
    description:
      'Stream tool-call arguments as tool_call_delta events while the model writes them.',
  })
  @IsOptional()
  @IsBoolean({ message: 'stream_tool_arguments must be true or false' })
  stream_tool_arguments?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'For workflow_id "graph": the workflow as JSON (version, state, nodes, edges, entry), checked before the stream (400 invalid_graph); its JSON Schema is GET /v1/schemas/graph (docs/graph-workflows.md).',
  })
  @IsOptional()
  @IsObject({ message: 'graph must be an object' })
  @FreeForm()
  graph?: Record<string, unknown>;

  @ApiPropertyOptional({
    default: false,
    description:
      "Stream step_start and step_end events around each node of the workflow's graph (no state contents).",
  })
  @IsOptional()
  @IsBoolean({ message: 'stream_steps must be true or false' })
  stream_steps?: boolean;
}
