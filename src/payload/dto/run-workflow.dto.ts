import { RequiredNested } from './required-nested.decorator.js';
import { RuntimeConfigDto } from './runtime-config.dto.js';
import { TaskMetaDto } from './task-meta.dto.js';
import { WorkflowInputDto } from './workflow-input.dto.js';

/** The execution payload (PROTOCOL.md section 2). Unknown top-level fields are ignored. */
export class RunWorkflowDto {
  @RequiredNested(() => TaskMetaDto)
  task_meta: TaskMetaDto;

  @RequiredNested(() => WorkflowInputDto)
  input: WorkflowInputDto;

  @RequiredNested(() => RuntimeConfigDto)
  runtime_config: RuntimeConfigDto;
}
