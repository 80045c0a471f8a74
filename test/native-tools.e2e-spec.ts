import request from 'supertest';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from './support/agent-harness.js';
import { examplePayload } from './support/agent-payloads.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

describe('native tools and tool definitions', () => {
  let harness: AgentHarness;
  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  it('lists calculator and current_time with their schemas on GET /', async () => {
    const response = await request(harness.service.baseUrl).get('/').expect(200);
    const names = response.body.native_tools.map((tool: { name: string }) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['calculator', 'current_time']));
    const calculator = response.body.native_tools.find(
      (tool: { name: string }) => tool.name === 'calculator',
    );
    expect(calculator.parameter_schema.required).toEqual(['expression']);
  });

  /** One agent run in which the model calls calculator with `expression`; its tool_result. */
  async function calculate(expression: string) {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: toolCallsScenario([{ name: 'calculator', args: { expression } }]),
      tools: [{ type: 'NATIVE', name: 'calculator' }],
    });
    const stream = await postRun(harness.runUrl, payload);
    expectWellFormedStream(stream);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('stop');
    return stream.events.find((event) => event.event === 'tool_result')?.data;
  }

  it('runs calculator through a full agent run', async () => {
    expect(await calculate('(2 + 3) * sqrt(16) / 4')).toMatchObject({
      status: 'success',
      result: { expression: '(2 + 3) * sqrt(16) / 4', result: 5 },
    });
  });

  it.each([
    'import({}, {override: true})',
    'cos.constructor("return process")()',
    'evaluate("1+1")',
  ])('calculator refuses the code-execution trick %s', async (expression) => {
    expect(await calculate(expression)).toMatchObject({
      status: 'error',
      error: { code: 'invalid_arguments' },
    });
  });

  it('uses the payload description and parameter_schema over the native ones, and still checks the native schema', async () => {
    const override = {
      type: 'object',
      properties: { expression: { type: 'string' }, note: { type: 'string' } },
    };
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: toolCallsScenario([
        { name: 'calculator', args: { expression: '1+1', note: 'extra' } },
      ]),
      tools: [
        {
          type: 'NATIVE',
          name: 'calculator',
          description: 'Adds things up',
          parameter_schema: override,
        },
      ],
    });
    const stream = await postRun(harness.runUrl, payload);
    expectWellFormedStream(stream);
    const sent = harness.model.requests[0].body.tools?.[0] as unknown as {
      function: Record<string, unknown>;
    };
    expect(sent.function).toMatchObject({
      name: 'calculator',
      description: 'Adds things up',
      parameters: override,
    });
    // The native schema forbids extra properties, so the call is refused before execute.
    const result = stream.events.find((event) => event.event === 'tool_result')?.data;
    expect(result).toMatchObject({ status: 'error', error: { code: 'invalid_arguments' } });
  });

  it.each([
    ['draft-07', { type: 'object', properties: { a: { type: 'no-such-type' } } }],
    [
      '2020-12',
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        minProperties: -1,
      },
    ],
  ])('refuses an invalid %s parameter_schema with 400 invalid_tool', async (_draft, schema) => {
    const payload = examplePayload({ modelBaseUrl: harness.model.baseUrl });
    payload.runtime_config.tools[0].parameter_schema = schema;
    const response = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .send(payload)
      .expect(400);
    expect(response.body.error).toMatchObject({
      code: 'invalid_tool',
      details: [{ path: 'runtime_config.tools[0].parameter_schema' }],
    });
  });

  it('accepts a valid 2020-12 schema and checks arguments with it', async () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { city: { type: 'string', minLength: 3 } },
      $defs: { unused: { type: 'string' } },
    };
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: toolCallsScenario([{ name: 'weather', args: { city: 'X' } }]),
      pluginOrigin: harness.plugin.origin,
    });
    payload.runtime_config.tools[0].parameter_schema = schema;
    const stream = await postRun(harness.runUrl, payload);
    const result = stream.events.find((event) => event.event === 'tool_result')?.data;
    expect(result).toMatchObject({ status: 'error', error: { code: 'invalid_arguments' } });
    expect((result?.error as { message: string }).message).toContain(
      'must NOT have fewer than 3 characters',
    );
  });
});
