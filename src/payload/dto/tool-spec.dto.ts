import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { discriminatedInstance } from './discriminated-instance.js';
import { FreeForm } from './free-form.decorator.js';
import { IsOpenAiName } from './openai-name.decorator.js';
import { TOOL_TYPES, type ToolType } from '../../common/run-events/run-event.types.js';
import { HttpExecutionConfigDto, McpExecutionConfigDto } from './execution-config.dto.js';

/** A tool type's required execution_config, validated with its own DTO. */
const ExecutionConfig = (type: new () => object) =>
  applyDecorators(
    ApiProperty({ type }),
    IsDefined({ message: 'execution_config is required for HTTP and MCP tools' }),
    IsObject(),
    ValidateNested(),
    Type(() => type),
  );

/** What every tool spec has; a spec of an unknown `type` stays this and fails on `type`. */
export class BaseToolSpecDto {
  @ApiProperty({ enum: TOOL_TYPES })
  @IsIn(TOOL_TYPES)
  type: ToolType;

  @IsOpenAiName('weather')
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
    example: true,
    description:
      "Calls of this spec's tools wait for a person's approval (docs/human-in-the-loop.md); default runtime_config.approval.required_by_default.",
  })
  @IsOptional()
  @IsBoolean({ message: 'requires_approval must be true or false' })
  requires_approval?: boolean;
}

/** A tool built into the service, by name (GET / lists them). */
export class NativeToolSpecDto extends BaseToolSpecDto {
  declare type: 'NATIVE';
}

export class HttpToolSpecDto extends BaseToolSpecDto {
  declare type: 'HTTP';

  @ExecutionConfig(HttpExecutionConfigDto)
  execution_config: HttpExecutionConfigDto;
}

export class McpToolSpecDto extends BaseToolSpecDto {
  declare type: 'MCP';

  @ExecutionConfig(McpExecutionConfigDto)
  execution_config: McpExecutionConfigDto;
}

/** A tool spec of each type, told apart by `type` (one entry per TOOL_TYPES member). */
export const TOOL_SPEC_DTOS = {
  NATIVE: NativeToolSpecDto,
  HTTP: HttpToolSpecDto,
  MCP: McpToolSpecDto,
} satisfies Record<ToolType, typeof BaseToolSpecDto>;

export type ToolSpecDto = InstanceType<(typeof TOOL_SPEC_DTOS)[ToolType]>;
export type ToolSpecOf<T extends ToolType> = InstanceType<(typeof TOOL_SPEC_DTOS)[T]>;

/**
 * `runtime_config.tools` with each object as the DTO of its `type` (a BaseToolSpecDto when
 * the type is unknown, so validation names it). Anything else (null, a string) stays as it
 * is for ValidateNested to refuse: class-transformer's own discriminator throws on null.
 */
export function toolSpecInstances(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return discriminatedInstance(item, TOOL_SPEC_DTOS, BaseToolSpecDto);
  });
}
