import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { ORIGINAL_EXAMPLE_PAYLOAD } from '../payload/example-payload.js';

/** The OpenAPI description of POST /v1/runs. */
export function BackgroundRunOpenApi(): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: 'Start a run in the background (202); follow it with /v1/runs/{id}/events',
      description:
        'The same payload as POST /v1/run_workflow, which takes `Prefer: respond-async` to the same effect. The run goes on without a reader, bounded by RUN_TIMEOUT_SECONDS; status, events and cancel are the run-control endpoints.',
    }),
    ApiBody({ type: RunWorkflowDto, examples: { original: { value: ORIGINAL_EXAMPLE_PAYLOAD } } }),
    ApiHeader({ name: 'Idempotency-Key', required: false }),
    ApiResponse({
      status: 202,
      description: 'Accepted; `Location` is the status URL',
      schema: {
        example: {
          run_id: '0b6c0a4e-8f1e-4f7b-9a55-2d1c3b9e7f10',
          trace_id: 'trace-123456',
          status: 'running',
          status_url: '/v1/runs/0b6c0a4e-8f1e-4f7b-9a55-2d1c3b9e7f10',
          events_url: '/v1/runs/0b6c0a4e-8f1e-4f7b-9a55-2d1c3b9e7f10/events',
          cancel_url: '/v1/runs/0b6c0a4e-8f1e-4f7b-9a55-2d1c3b9e7f10/cancel',
        },
      },
    }),
    ApiResponse({ status: 400, description: 'invalid_payload, invalid_tool, invalid_approval' }),
    ApiResponse({ status: 429, description: 'too_many_runs (Retry-After)' }),
  );
}
