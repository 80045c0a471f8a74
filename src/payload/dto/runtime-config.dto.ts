import { ApiExtraModels, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ON_DISCONNECT_CHOICES, type OnDisconnect } from './on-disconnect.js';
import { FreeForm } from './free-form.decorator.js';
import { ModelConfigDto } from './model-config.dto.js';
import { RequiredNested } from './required-nested.decorator.js';
import { IsStringRecord } from './string-record.validator.js';
import { TOOL_SPEC_DTOS, type ToolSpecDto, toolSpecInstances } from './tool-spec.dto.js';

@ApiExtraModels(...Object.values(TOOL_SPEC_DTOS))
export class RuntimeConfigDto {
  @RequiredNested(() => ModelConfigDto)
  model: ModelConfigDto;

  @ApiPropertyOptional({
    type: 'array',
    items: { oneOf: Object.values(TOOL_SPEC_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })) },
  })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true, message: 'each tool must be an object' })
  @ValidateNested({ each: true })
  @Transform(({ obj }: { obj: { tools?: unknown } }) => toolSpecInstances(obj.tools))
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
}
