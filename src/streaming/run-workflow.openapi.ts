import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
} from '@nestjs/swagger';
import { ORIGINAL_EXAMPLE_PAYLOAD } from '../payload/example-payload.js';
import { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { WIRE_PROTOCOLS } from './protocols/wire-protocol.js';

const EVENT_STREAM_DESCRIPTION = `A text/event-stream of run events (PROTOCOL.md section 3).
Each frame: \`id: <seq>\`, \`event: <type>\`, \`data: <one JSON line repeating type, seq, run_id, trace_id, timestamp>\`.

| event | fields |
|---|---|
| tool_thinking | content (reasoning delta) |
| tool_start | tool_call_id, tool_name, tool_type (NATIVE/HTTP/MCP), arguments |
| tool_result | tool_call_id, tool_name, status (success/error), result, error {code, message}, duration_ms |
| message_chunk | content (assistant text delta) |
| tool_call_delta | tool_call_id, tool_name, arguments_delta (only with runtime_config.stream_tool_arguments) |
| error | code, message, retryable |
| done | finish_reason, usage {prompt_tokens, completion_tokens, total_tokens}, duration_ms — always last, exactly once |

The stream opens with the comment \`: run <run_id>\`; idle streams carry \`: ping\` comments.
With \`?protocol=ag-ui\` or \`?protocol=ai-sdk\` the same run streams as AG-UI events or the AI SDK UI message stream (docs/interop.md).`;

const errorResponse = (status: number, codes: string) =>
  ApiResponse({
    status,
    description: `JSON error envelope {"error": {code, message, details?, trace_id}}; code: ${codes}`,
  });

/** The OpenAPI description of POST /v1/run_workflow. */
export function RunWorkflowOpenApi(): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary: 'Run a workflow and stream its events (SSE)' }),
    ApiBody({ type: RunWorkflowDto, examples: { original: { value: ORIGINAL_EXAMPLE_PAYLOAD } } }),
    ApiProduces('text/event-stream'),
    ApiQuery({
      name: 'protocol',
      required: false,
      enum: WIRE_PROTOCOLS,
      description: 'Wire protocol of the stream (default native)',
    }),
    ApiHeader({
      name: 'X-Trace-Id',
      required: false,
      description: 'Used when the payload has no trace_id.',
    }),
    ApiResponse({
      status: 200,
      description: EVENT_STREAM_DESCRIPTION,
      content: { 'text/event-stream': { schema: { type: 'string' } } },
      headers: {
        'X-Trace-Id': { description: 'The run trace id', schema: { type: 'string' } },
        'X-Run-Id': { description: 'The run id', schema: { type: 'string' } },
      },
    }),
    errorResponse(400, 'invalid_json, invalid_payload (details: [{path, message}]), invalid_tool'),
    errorResponse(401, 'unauthorized'),
    errorResponse(404, 'workflow_not_found'),
    errorResponse(413, 'payload_too_large'),
    errorResponse(415, 'unsupported_media_type'),
    errorResponse(502, 'tool_unavailable (an MCP server could not be listed)'),
    errorResponse(429, 'too_many_runs (Retry-After)'),
    errorResponse(500, 'internal_error'),
    errorResponse(503, 'shutting_down (Retry-After)'),
  );
}
