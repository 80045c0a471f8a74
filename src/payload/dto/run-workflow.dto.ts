import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { RuntimeConfigDto } from './runtime-config.dto.js';
import { TaskMetaDto } from './task-meta.dto.js';
import { WorkflowInputDto } from './workflow-input.dto.js';

/** The execution payload (PROTOCOL.md section 2). Unknown top-level fields are ignored. */
export class RunWorkflowDto {
  @ApiProperty({ type: TaskMetaDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TaskMetaDto)
  task_meta: TaskMetaDto;

  @ApiProperty({ type: WorkflowInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkflowInputDto)
  input: WorkflowInputDto;

  @ApiProperty({ type: RuntimeConfigDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RuntimeConfigDto)
  runtime_config: RuntimeConfigDto;
}
