import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const MESSAGE_ROLES = ['system', 'user', 'assistant', 'tool'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export class ToolCallFunctionDto {
  @ApiProperty({ example: 'weather' })
  @IsString()
  @Length(1, 64)
  name: string;

  @ApiProperty({ example: '{"city":"Paris"}', description: 'JSON-encoded arguments.' })
  @IsString()
  arguments: string;
}

/** An earlier assistant tool call, as OpenAI's chat format carries it. */
export class ToolCallDto {
  @ApiProperty({ example: 'call_1' })
  @IsString()
  @Length(1, 256)
  id: string;

  @ApiProperty({ enum: ['function'] })
  @Equals('function', { message: "type must be 'function'" })
  type: 'function';

  @ApiProperty({ type: ToolCallFunctionDto })
  @ValidateNested()
  @Type(() => ToolCallFunctionDto)
  function: ToolCallFunctionDto;
}

export class ChatMessageDto {
  @ApiProperty({ enum: MESSAGE_ROLES, example: 'user' })
  @IsIn(MESSAGE_ROLES)
  role: MessageRole;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Hello, please introduce yourself',
    description: 'null only for an assistant message that carries tool_calls.',
  })
  // OpenAI's format lets an assistant turn that only calls tools have no content.
  @ValidateIf(
    (message: ChatMessageDto) => !(message.role === 'assistant' && message.content === null),
  )
  @IsString()
  content: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  name?: string;

  @ApiPropertyOptional({ description: 'Required for role tool: the call it answers.' })
  @ValidateIf(
    (message: ChatMessageDto) => message.role === 'tool' || message.tool_call_id !== undefined,
  )
  @IsString()
  @Length(1, 256)
  tool_call_id?: string;

  @ApiPropertyOptional({ type: [ToolCallDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ToolCallDto)
  tool_calls?: ToolCallDto[];
}
