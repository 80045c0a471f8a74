import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  Min,
} from 'class-validator';
import { FreeForm } from './free-form.decorator.js';
import {
  IsExtraBody,
  IsExtraHeaders,
  IsLogitBias,
  IsStop,
  IsToolChoice,
  REASONING_EFFORTS,
  type ReasoningEffort,
} from './model-request.validators.js';
import { TOOL_CHOICE_MODES, type ToolChoice } from '../../model-gateway/model-request.js';
import { OptionalNested } from './required-nested.decorator.js';
import { ResponseFormatDto } from './response-format.dto.js';
import { rule } from './validation-rule.js';

const FINITE = { allowNaN: false, allowInfinity: false };

/**
 * The model of a run: where it is, and every Chat Completions request field a platform may
 * set (each sent only when given, under its own name). docs/execution-payload.md says which
 * to use for reasoning models.
 */
export class ModelConfigDto {
  @ApiProperty({ example: 'gpt-4' })
  @IsString()
  @Length(1, 256)
  model_name: string;

  @ApiProperty({
    example: 'https://api.openai.com/v1',
    description: 'Any OpenAI-compatible endpoint.',
  })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'base_url must be an http or https URL' },
  )
  base_url: string;

  @ApiPropertyOptional({ example: 'sk-xxx', description: 'Never logged nor echoed.' })
  @IsOptional()
  @IsString()
  @Length(0, 4096)
  api_key?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 2, example: 0.7 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(2)
  temperature?: number;

  @ApiPropertyOptional({
    minimum: 1,
    example: 2000,
    description: 'Refused by reasoning models (o-series, gpt-5): use max_completion_tokens.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  max_tokens?: number;

  @ApiPropertyOptional({
    minimum: 1,
    example: 4000,
    description:
      'Visible and reasoning tokens together; what reasoning models take. Not with max_tokens.',
  })
  @IsOptional()
  @rule(
    'notWithMaxTokens',
    (_value, args) => (args?.object as ModelConfigDto).max_tokens === undefined,
    'give max_tokens or max_completion_tokens, not both',
  )
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  max_completion_tokens?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.9 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1)
  top_p?: number;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['\n\n'],
  })
  @IsOptional()
  @IsStop()
  @FreeForm()
  stop?: string | string[];

  @ApiPropertyOptional({ example: 42 })
  @IsOptional()
  @IsInt()
  @Min(Number.MIN_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  seed?: number;

  @ApiPropertyOptional({ minimum: -2, maximum: 2, example: 0.5 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(-2)
  @Max(2)
  presence_penalty?: number;

  @ApiPropertyOptional({ minimum: -2, maximum: 2, example: 0.5 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(-2)
  @Max(2)
  frequency_penalty?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number', minimum: -100, maximum: 100 },
    example: { '50256': -100 },
  })
  @IsOptional()
  @IsLogitBias()
  @FreeForm()
  logit_bias?: Record<string, number>;

  @ApiPropertyOptional({ enum: REASONING_EFFORTS, example: 'low' })
  @IsOptional()
  @IsIn(REASONING_EFFORTS, {
    message: `reasoning_effort must be one of: ${REASONING_EFFORTS.join(', ')}`,
  })
  reasoning_effort?: ReasoningEffort;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', enum: [...TOOL_CHOICE_MODES] },
      {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['function'] },
          function: { type: 'object', properties: { name: { type: 'string' } } },
        },
      },
    ],
    example: 'auto',
    description:
      'Sent with the tools. required and a named function hold until the first tool results; the turns after them are auto, so the loop can end.',
  })
  @IsOptional()
  @IsToolChoice()
  @FreeForm()
  tool_choice?: ToolChoice;

  @ApiPropertyOptional({ example: false, description: 'Sent with the tools.' })
  @IsOptional()
  @IsBoolean({ message: 'parallel_tool_calls must be true or false' })
  parallel_tool_calls?: boolean;

  @OptionalNested(() => ResponseFormatDto)
  response_format?: ResponseFormatDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { chat_template_kwargs: { enable_thinking: false } },
    description:
      'Provider-specific request fields, merged into the request; model, messages, stream, stream_options and tools are refused.',
  })
  @IsOptional()
  @IsExtraBody()
  @FreeForm()
  extra_body?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'HTTP-Referer': 'https://platform.example', 'X-Title': 'Platform' },
    description:
      'Headers for every request to the model; values may use {{vault.KEY}}. Masked like credentials.',
  })
  @IsOptional()
  @IsExtraHeaders()
  @FreeForm()
  extra_headers?: Record<string, string>;
}
