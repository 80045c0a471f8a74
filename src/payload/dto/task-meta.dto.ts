import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { TRACE_ID_PATTERN } from '../../common/trace/trace-id.pattern.js';

export class TaskMetaDto {
  @ApiProperty({ example: 'agent_chat', description: 'A registered workflow id (see GET /).' })
  @IsString()
  @Length(1, 128)
  workflow_id: string;

  @ApiPropertyOptional({
    example: 'trace-123456',
    pattern: TRACE_ID_PATTERN.source,
    description: 'Echoed in every event, log line and upstream call; generated when absent.',
  })
  @IsOptional()
  @IsString()
  @Matches(TRACE_ID_PATTERN, { message: 'trace_id must be 1 to 128 of A-Z a-z 0-9 . _ : -' })
  trace_id?: string;

  @ApiPropertyOptional({ example: 'user-001', description: 'Passed to the model as `user`.' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  user_id?: string;
}
