import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, ValidateNested } from 'class-validator';
import { FreeForm } from './free-form.decorator.js';
import { ModelConfigDto } from './model-config.dto.js';
import { RequiredNested } from './required-nested.decorator.js';
import { IsStringRecord } from './string-record.validator.js';
import { ToolSpecDto } from './tool-spec.dto.js';

export class RuntimeConfigDto {
  @RequiredNested(() => ModelConfigDto)
  model: ModelConfigDto;

  @ApiPropertyOptional({ type: [ToolSpecDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ToolSpecDto)
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
}
