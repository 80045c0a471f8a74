import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ChatMessageDto } from './chat-message.dto.js';
import { FreeForm } from './free-form.decorator.js';

export class WorkflowInputDto {
  @ApiProperty({ type: [ChatMessageDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ChatMessageDto)
  messages: ChatMessageDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: {},
    description: 'Free object for the workflow, e.g. {{name}} values for a system prompt.',
  })
  @IsOptional()
  @IsObject()
  @FreeForm()
  variables?: Record<string, unknown>;
}
