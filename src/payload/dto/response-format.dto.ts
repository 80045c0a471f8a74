import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { compileSchema, type JsonSchema } from '../../common/json-schema/json-schema.compiler.js';
import { FreeForm } from './free-form.decorator.js';
import { IsOpenAiName } from './openai-name.decorator.js';
import { rule } from './validation-rule.js';

/** OpenAI's `response_format.type` values (Chat Completions API reference). */
export const RESPONSE_FORMAT_TYPES = ['text', 'json_object', 'json_schema'] as const;
export type ResponseFormatType = (typeof RESPONSE_FORMAT_TYPES)[number];

/** Whether ajv can compile it: the final answer is validated against it (done.output). */
function compiles(schema: unknown): boolean {
  try {
    compileSchema(schema as JsonSchema);
    return true;
  } catch {
    return false;
  }
}

export class JsonSchemaFormatDto {
  @IsOpenAiName('answer')
  name: string;

  @ApiPropertyOptional({ example: 'The answer as a JSON object' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  description?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  })
  @IsOptional()
  @IsObject()
  @rule('isJsonSchema', compiles, 'schema must be a valid JSON Schema')
  @FreeForm()
  schema?: Record<string, unknown>;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  strict?: boolean;
}

/** OpenAI's `response_format`: plain text, any JSON object, or JSON of a schema. */
export class ResponseFormatDto {
  @ApiProperty({ enum: RESPONSE_FORMAT_TYPES, example: 'json_schema' })
  @IsIn(RESPONSE_FORMAT_TYPES, {
    message: `type must be one of: ${RESPONSE_FORMAT_TYPES.join(', ')}`,
  })
  type: ResponseFormatType;

  @ApiPropertyOptional({ type: JsonSchemaFormatDto, description: 'Required for json_schema.' })
  @ValidateIf((format: ResponseFormatDto) => format.type === 'json_schema')
  @IsDefined({ message: 'json_schema is required when type is json_schema' })
  @IsObject()
  @ValidateNested()
  @Type(() => JsonSchemaFormatDto)
  json_schema?: JsonSchemaFormatDto;
}
