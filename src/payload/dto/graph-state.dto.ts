import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, IsString, Length, Min } from 'class-validator';
import type { PausedGraphState } from '../../common/run-events/run-event.types.js';
import { FreeForm } from './free-form.decorator.js';

/**
 * Where a `graph` run paused for approval (`done.graph_state`), sent back as it came to
 * resume it (`input.graph_state`): the node that waits, the state keys' values, each node's
 * visits so far, and how many of the conversation's last messages that node added (the
 * `done.messages` the control plane appended). Its contents are checked against the graph
 * before the stream (400 invalid_graph); docs/graph-workflows.md.
 */
export class GraphStateDto implements PausedGraphState {
  @ApiProperty({ example: 'lookup', description: 'The id of the node that paused.' })
  @IsString()
  @Length(1, 256)
  node: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { city: 'Paris' } })
  @IsObject({ message: 'values must be an object' })
  @FreeForm()
  values: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { extract: 1, lookup: 1 },
  })
  @IsObject({ message: 'visits must be an object' })
  @FreeForm()
  visits: Record<string, number>;

  @ApiProperty({
    example: 1,
    description: "How many of input.messages' last messages the paused node added.",
  })
  @IsInt()
  @Min(1)
  messages: number;
}
