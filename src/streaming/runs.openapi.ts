import { applyDecorators } from '@nestjs/common';
import { WIRE_PROTOCOLS } from './protocols/wire-protocols.js';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse } from '@nestjs/swagger';

const RECORD_EXAMPLE = {
  run_id: '0b6f3c8e-3f7e-4a59-9d1a-2f1c0e6b7a10',
  trace_id: 'trace-123456',
  workflow_id: 'agent_chat',
  status: 'done',
  finish_reason: 'cancelled',
  usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
  started_at: '2026-11-25T10:00:00.000Z',
  ended_at: '2026-11-25T10:00:02.512Z',
};

const notFound = ApiResponse({ status: 404, description: 'run_not_found: unknown or expired' });
const storeDown = ApiResponse({
  status: 503,
  description: 'run_store_unavailable: the shared run store (Redis) cannot be reached',
});
const record = (description: string) =>
  ApiResponse({ status: 200, description, schema: { example: RECORD_EXAMPLE } });

export const RunEventsOpenApi = (): MethodDecorator =>
  applyDecorators(
    ApiOperation({
      summary: "Replay a run's frames after a seq, then follow it live until done (SSE)",
    }),
    ApiProduces('text/event-stream'),
    ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Replay after this seq' }),
    ApiQuery({ name: 'after', required: false, description: 'Replay after this seq' }),
    ApiQuery({ name: 'protocol', required: false, enum: WIRE_PROTOCOLS }),
    ApiResponse({ status: 200, description: 'The same frames, byte for byte, as the live stream' }),
    ApiResponse({ status: 400, description: 'invalid_payload: the seq is not an integer' }),
    notFound,
    storeDown,
  );

export const RunCancelOpenApi = (): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary: 'Cancel a run (idempotent): its stream ends with done cancelled' }),
    record('The run record once it ended (a finished run: its final record)'),
    ApiResponse({
      status: 202,
      description:
        'The cancel was sent but the run has not confirmed yet: the record as it is, with cancel_requested: true',
    }),
    notFound,
    storeDown,
  );

export const RunStatusOpenApi = (): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary: "A run's status, finish_reason, usage and times" }),
    record('The run record'),
    notFound,
    storeDown,
  );
