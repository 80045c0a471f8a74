import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { FreeForm } from './free-form.decorator.js';
import { IsStringRecord } from './string-record.validator.js';
import { TOOL_TYPES, type ToolType } from '../../common/run-events/run-event.types.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export class HttpExecutionConfigDto {
  @ApiProperty({
    example: 'https://api.weather.com/v1/query',
    description: 'May hold {{vault.KEY}} and {{args.NAME}} templates.',
  })
  @IsString()
  @Length(1, 4096)
  url: string;

  @ApiPropertyOptional({ enum: HTTP_METHODS, default: 'GET' })
  @IsOptional()
  @IsIn(HTTP_METHODS)
  method?: HttpMethod;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsStringRecord()
  @FreeForm()
  headers?: Record<string, string>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsStringRecord()
  @FreeForm()
  query?: Record<string, string>;

  @ApiPropertyOptional({ description: 'JSON body template (strings may hold templates).' })
  @IsOptional()
  @FreeForm()
  body?: unknown;

  @ApiPropertyOptional({ minimum: 1, maximum: 600000, description: 'Default: HTTP_TOOL_TIMEOUT.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600_000)
  timeout_ms?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100 * 1024 * 1024)
  max_response_bytes?: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'MCP only: the server tools offered to the model (default: all of them).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  allowed_tools?: string[];
}

export class ToolSpecDto {
  @ApiProperty({ enum: TOOL_TYPES })
  @IsIn(TOOL_TYPES)
  type: ToolType;

  @ApiProperty({ example: 'weather', pattern: TOOL_NAME_PATTERN.source })
  @IsString()
  @Matches(TOOL_NAME_PATTERN, { message: 'name must be 1 to 64 of A-Z a-z 0-9 _ -' })
  name: string;

  @ApiPropertyOptional({ example: 'Look up the weather of a city' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  description?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of the arguments.',
    example: { type: 'object', properties: { city: { type: 'string' } } },
  })
  @IsOptional()
  @IsObject()
  @FreeForm()
  parameter_schema?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: HttpExecutionConfigDto,
    description:
      'Required for types HTTP and MCP (an MCP server: url, headers, timeout_ms, allowed_tools).',
  })
  @ValidateIf(
    (spec: ToolSpecDto) =>
      spec.type === 'HTTP' || spec.type === 'MCP' || spec.execution_config !== undefined,
  )
  @IsDefined({ message: 'execution_config is required for HTTP and MCP tools' })
  @IsObject()
  @ValidateNested()
  @Type(() => HttpExecutionConfigDto)
  execution_config?: HttpExecutionConfigDto;
}
