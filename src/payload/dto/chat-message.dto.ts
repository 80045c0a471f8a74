import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
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
import type { MessageContent } from '../message-content.js';
import { CONTENT_PART_DTOS } from './content-part.dto.js';
import { FreeForm } from './free-form.decorator.js';
import { rule } from './validation-rule.js';

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

/** A string, or a list that message-content.ts checks part by part. */
const IsMessageContent = () =>
  rule(
    'isMessageContent',
    (value) => typeof value === 'string' || Array.isArray(value),
    'content must be a string or a list of content parts',
  );

@ApiExtraModels(...Object.values(CONTENT_PART_DTOS))
export class ChatMessageDto {
  @ApiProperty({ enum: MESSAGE_ROLES, example: 'user' })
  @IsIn(MESSAGE_ROLES)
  role: MessageRole;

  @ApiProperty({
    oneOf: [
      { type: 'string' },
      {
        type: 'array',
        items: {
          oneOf: Object.values(CONTENT_PART_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })),
        },
      },
    ],
    nullable: true,
    example: 'Hello, please introduce yourself',
    description:
      'Text, or OpenAI content parts (text, image_url, input_audio, file; only text outside user messages), passed to the model as sent. null only for an assistant message that carries tool_calls.',
  })
  // OpenAI's format lets an assistant turn that only calls tools have no content.
  @ValidateIf(
    (message: ChatMessageDto) => !(message.role === 'assistant' && message.content === null),
  )
  @IsMessageContent()
  // The parts as sent: they reach the model unchanged (message-content.ts checks them).
  @FreeForm()
  content: MessageContent;

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
