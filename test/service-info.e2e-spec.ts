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
    expect(ids).toEqual(['agent_chat', 'echo', 'router']);
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

  it('serves Swagger UI at /docs', async () => {
    const response = await request(service.baseUrl).get('/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });
});
