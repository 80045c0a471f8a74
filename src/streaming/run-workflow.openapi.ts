import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
} from '@nestjs/swagger';
import {
  MULTIMODAL_EXAMPLE_PAYLOAD,
  ORIGINAL_EXAMPLE_PAYLOAD,
  SPEND_CONTROLLED_EXAMPLE_PAYLOAD,
} from '../payload/example-payload.js';
import { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { WIRE_PROTOCOLS } from './protocols/wire-protocols.js';

const EVENT_STREAM_DESCRIPTION = `A text/event-stream of run events (PROTOCOL.md section 3).
Each frame: \`id: <seq>\`, \`event: <type>\`, \`data: <one JSON line repeating type, seq, run_id, trace_id, timestamp>\`.

| event | fields |
|---|---|
| tool_thinking | content (reasoning delta) |
| tool_start | tool_call_id, tool_name, tool_type (NATIVE/HTTP/MCP), arguments |
| tool_result | tool_call_id, tool_name, status (success/error), result, error {code, message}, duration_ms |
| message_chunk | content (assistant text delta) |
| tool_call_delta | tool_call_id, tool_name, arguments_delta (only with runtime_config.stream_tool_arguments) |
| tool_approval_required | tool_call_id, tool_name, tool_type, arguments, approval_token, expires_at (a call that waits for approval; the run ends with approval_required, docs/human-in-the-loop.md) |
| error | code, message, retryable |
| done | finish_reason, usage {prompt_tokens, completion_tokens, total_tokens, details, by_model, estimated}, duration_ms; when present output (JSON response_format), cost (pricing), model and models_tried (fallback_models), messages and graph_state (approval_required) — always last, exactly once |

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
    ApiBody({
      type: RunWorkflowDto,
      examples: {
        original: { summary: "The original README's example", value: ORIGINAL_EXAMPLE_PAYLOAD },
        multimodal: {
          summary: 'An image, a reasoning model, provider-specific fields',
          value: MULTIMODAL_EXAMPLE_PAYLOAD,
        },
        spend_controlled: {
          summary: 'A JSON answer of a schema, a fallback model, prices and a budget',
          value: SPEND_CONTROLLED_EXAMPLE_PAYLOAD,
        },
      },
    }),
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
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes the start safe to retry: a POST with the same key and payload attaches to the run the first one started (while its log lives), from its Last-Event-ID; another payload is 409 idempotency_conflict. 1 to 255 printable ASCII characters.',
    }),
    ApiHeader({
      name: 'Last-Event-ID',
      required: false,
      description: 'With Idempotency-Key: the seq the client already has; frames after it follow.',
    }),
    ApiResponse({
      status: 200,
      description: EVENT_STREAM_DESCRIPTION,
      content: { 'text/event-stream': { schema: { type: 'string' } } },
      headers: {
        'X-Trace-Id': { description: 'The run trace id', schema: { type: 'string' } },
        'X-Run-Id': { description: 'The run id', schema: { type: 'string' } },
        'Idempotent-Replayed': {
          description: 'true when this answer attached to the run an earlier start began',
          schema: { type: 'string' },
        },
      },
    }),
    errorResponse(400, 'invalid_json, invalid_payload (details: [{path, message}]), invalid_tool'),
    errorResponse(401, 'unauthorized'),
    errorResponse(404, 'workflow_not_found'),
    errorResponse(
      409,
      'idempotency_conflict (the Idempotency-Key started a run with another payload)',
    ),
    errorResponse(413, 'payload_too_large'),
    errorResponse(415, 'unsupported_media_type'),
    errorResponse(502, 'tool_unavailable (an MCP server could not be listed)'),
    errorResponse(429, 'too_many_runs (Retry-After)'),
    errorResponse(500, 'internal_error'),
    errorResponse(503, 'shutting_down, run_store_unavailable (Retry-After)'),
  );
}
