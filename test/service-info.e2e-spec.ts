import { BUDGET_LIMITS } from '../src/payload/dto/budget.dto.js';
import { MODEL_REQUEST_FIELDS } from '../src/runs/model-request.mapper.js';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('GET /health, GET /, Swagger', () => {
  let service: TestApp;
  beforeAll(async () => (service = await startTestApp()));
  afterAll(() => service.close());

  it('reports health with uptime and active runs', async () => {
    const response = await request(service.baseUrl).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', uptime_s: expect.any(Number), active_runs: 0 });
  });

  it('describes the service and lists the registered workflows', async () => {
    const response = await request(service.baseUrl).get('/').expect(200);
    expect(response.body).toMatchObject({
      service: 'execution-plane',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      protocol_version: '1',
      native_tools: expect.any(Array),
    });
    const ids = (response.body.workflows as { id: string }[]).map((workflow) => workflow.id);
    expect(ids).toEqual(['agent_chat', 'echo', 'graph', 'router']);
  });

  it('serves the OpenAPI document with the run endpoint, its event stream and errors', async () => {
    const response = await request(service.baseUrl).get('/docs-json').expect(200);
    const operation = response.body.paths['/v1/run_workflow'].post;
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '413', '415', '429', '500', '503']),
    );
    expect(operation.responses['200'].content).toHaveProperty(['text/event-stream']);
    expect(operation.responses['200'].description).toContain('message_chunk');
    expect(
      operation.requestBody.content['application/json'].examples.original.value.task_meta
        .workflow_id,
    ).toBe('agent_chat');
    expect(response.body.components.schemas).toHaveProperty('RunWorkflowDto');
  });

  it('documents every model request field and content part type, with examples', async () => {
    const { components, paths } = (await request(service.baseUrl).get('/docs-json').expect(200))
      .body;
    const model = components.schemas.ModelConfigDto.properties;
    for (const field of [
      ...MODEL_REQUEST_FIELDS.filter((field) => field !== 'response_format'),
      'tool_choice',
      'parallel_tool_calls',
      'extra_body',
      'extra_headers',
    ])
      expect(model[field]).toHaveProperty('example');
    expect(model.response_format.$ref).toBe('#/components/schemas/ResponseFormatDto');
    expect(components.schemas.ResponseFormatDto.properties.type.example).toBe('json_schema');
    for (const part of [
      'TextContentPartDto',
      'ImageUrlContentPartDto',
      'InputAudioContentPartDto',
      'FileContentPartDto',
    ])
      expect(components.schemas).toHaveProperty(part);
    const examples =
      paths['/v1/run_workflow'].post.requestBody.content['application/json'].examples;
    expect(examples.multimodal.value.input.messages[0].content[1].type).toBe('image_url');
  });

  it('documents the spend fields (fallbacks, repairs, pricing, budget) with examples', async () => {
    const { components, paths } = (await request(service.baseUrl).get('/docs-json').expect(200))
      .body;
    const runtime = components.schemas.RuntimeConfigDto.properties;
    expect(runtime.fallback_models.items.$ref).toBe('#/components/schemas/ModelConfigDto');
    expect(runtime.output_repair_attempts).toMatchObject({ maximum: 3, example: 1 });
    expect(runtime.pricing.additionalProperties.$ref).toBe('#/components/schemas/ModelPriceDto');
    expect(Object.keys(runtime.pricing.example)).toEqual(['gpt-4o']);
    for (const field of ['input_per_million', 'cached_input_per_million', 'output_per_million'])
      expect(components.schemas.ModelPriceDto.properties[field]).toHaveProperty('example');
    for (const limit of BUDGET_LIMITS)
      expect(components.schemas.BudgetDto.properties[limit]).toHaveProperty('example');
    const examples =
      paths['/v1/run_workflow'].post.requestBody.content['application/json'].examples;
    expect(Object.keys(examples.spend_controlled.value.runtime_config.budget)).toEqual(
      BUDGET_LIMITS,
    );
  });

  it('documents the approval fields with examples', async () => {
    const { components } = (await request(service.baseUrl).get('/docs-json').expect(200)).body;
    const approval = components.schemas.ToolApprovalDto.properties;
    for (const field of ['tool_call_id', 'approval_token', 'decision', 'arguments', 'reason'])
      expect(approval[field]).toHaveProperty('example');
    expect(approval.decision.enum).toEqual(['approve', 'deny', 'edit']);
    expect(components.schemas.WorkflowInputDto.properties.tool_approvals.items.$ref).toBe(
      '#/components/schemas/ToolApprovalDto',
    );
    expect(components.schemas.HttpToolSpecDto.properties.requires_approval.example).toBe(true);
    expect(
      components.schemas.McpExecutionConfigDto.properties.approval_required_tools.example,
    ).toEqual(['delete_file']);
    expect(components.schemas.RuntimeConfigDto.properties.approval.$ref).toBe(
      '#/components/schemas/ApprovalSettingsDto',
    );
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await request(service.baseUrl).get('/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });
});
