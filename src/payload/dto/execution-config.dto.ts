import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { FreeForm } from './free-form.decorator.js';
import { IsStringRecord } from './string-record.validator.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * A field that belongs to another tool type's execution_config: refused by name, since it
 * is a sign of a mix-up (unknown fields are otherwise dropped).
 */
const NotUsedBy = (type: string) =>
  Equals(undefined, {
    message: ({ property }) => `${property} is not used by ${type} tools`,
  });

/** What every tool server's execution_config has: where it is and how long to wait. */
class EgressTargetDto {
  @ApiProperty({
    example: 'https://api.weather.com/v1/query',
    description: 'May hold {{vault.KEY}} (and for HTTP tools {{args.NAME}}) templates.',
  })
  @IsString()
  @Length(1, 4096)
  url: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsStringRecord()
  @FreeForm()
  headers?: Record<string, string>;

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
}

/** An HTTP plugin's request template (PROTOCOL.md section 2). */
export class HttpExecutionConfigDto extends EgressTargetDto {
  @ApiPropertyOptional({ enum: HTTP_METHODS, default: 'GET' })
  @IsOptional()
  @IsIn(HTTP_METHODS)
  method?: HttpMethod;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsStringRecord()
  @FreeForm()
  query?: Record<string, string>;

  @ApiPropertyOptional({ description: 'JSON body template (strings may hold templates).' })
  @IsOptional()
  @FreeForm()
  body?: unknown;

  @NotUsedBy('HTTP')
  allowed_tools?: never;

  @NotUsedBy('HTTP')
  approval_required_tools?: never;
}

/** A list of an MCP server's tool names: up to 1000, each up to 256 characters. */
const ServerToolNames = (example: string[], description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], example, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(1000),
    IsString({ each: true }),
    MaxLength(256, { each: true }),
  );

/** An MCP server (Streamable HTTP) and the tools of it offered to the model. */
export class McpExecutionConfigDto extends EgressTargetDto {
  @ServerToolNames(
    ['add', 'forecast'],
    'The server tools offered to the model (default: all of them).',
  )
  allowed_tools?: string[];

  @ServerToolNames(
    ['delete_file'],
    'Server tools whose calls wait for a person to approve them (docs/human-in-the-loop.md), whatever requires_approval says.',
  )
  approval_required_tools?: string[];

  @NotUsedBy('MCP')
  method?: never;

  @NotUsedBy('MCP')
  query?: never;

  @NotUsedBy('MCP')
  body?: never;
}
