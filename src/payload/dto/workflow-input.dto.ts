import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { ChatMessageDto } from './chat-message.dto.js';
import { FreeForm } from './free-form.decorator.js';
import { GraphStateDto } from './graph-state.dto.js';
import { ToolApprovalDto } from './tool-approval.dto.js';

/** Decisions one resume may carry: a model turn asks for a few calls, never hundreds. */
export const MAX_TOOL_APPROVALS = 128;

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

  @ApiPropertyOptional({
    type: [ToolApprovalDto],
    description:
      'Resuming a run that ended with approval_required: one decision per call of the last assistant message that has no tool message (docs/human-in-the-loop.md).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TOOL_APPROVALS)
  @IsObject({ each: true, message: 'each tool approval must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ToolApprovalDto)
  tool_approvals?: ToolApprovalDto[];

  @ApiPropertyOptional({
    type: GraphStateDto,
    description:
      'Resuming a graph run that ended with approval_required: its done.graph_state, as it came, with the tool_approvals (docs/graph-workflows.md).',
  })
  @IsOptional()
  @IsObject({ message: 'graph_state must be an object' })
  @ValidateNested()
  @Type(() => GraphStateDto)
  graph_state?: GraphStateDto;
}
