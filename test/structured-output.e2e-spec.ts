import { SPEND_CONTROLLED_EXAMPLE_PAYLOAD } from '../src/payload/example-payload.js';
import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { postRun, type ReceivedStream } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';

// Swagger's example format, as OpenAI's structured outputs guide writes one
// (https://platform.openai.com/docs/guides/structured-outputs, "Supported schemas": a strict
// schema names every property in `required` and sets additionalProperties false).
const WEATHER_FORMAT = SPEND_CONTROLLED_EXAMPLE_PAYLOAD.runtime_config.model.response_format;

// Spaced: the test model streams it word by word.
const VALID = '{"city": "Paris", "celsius": 21}';
/** A model's answer off the schema: celsius as a string, a key it was not asked for. */
const OFF_SCHEMA = '{"city":"Paris","celsius":"warm","note":"Confidential remark"}';

const doneOf = (stream: ReceivedStream) => stream.events.at(-1)?.data as Record<string, any>;
const errorOf = (stream: ReceivedStream) =>
  stream.events.find((event) => event.event === 'error')?.data as Record<string, any>;
const scenario = (kind: string, options: Record<string, string>) =>
  `${kind}?${new URLSearchParams(options).toString()}`;

describe('structured output (issue 17, item 3)', () => {
  let harness: AgentHarness;

  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  const run = (
    modelName: string,
    runtime: Record<string, unknown> = {},
    format: unknown = WEATHER_FORMAT,
  ) => {
    const body = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName,
      pluginOrigin: harness.plugin.origin,
    });
    body.runtime_config.model.response_format = format;
    Object.assign(body.runtime_config, runtime);
    return postRun(harness.runUrl, body);
  };

  it('streams the JSON as it is written and puts the parsed answer in done.output', async () => {
    const stream = await run(scenario('text', { text: VALID, chunks: '5' }));
    expectWellFormedStream(stream);
    expect(answerText(stream)).toBe(VALID);
    expect(stream.events.filter((event) => event.event === 'message_chunk').length).toBeGreaterThan(
      1,
    );
    expect(doneOf(stream)).toMatchObject({ finish_reason: 'stop', output: JSON.parse(VALID) });
    expect(harness.model.requests[0].body.response_format).toEqual(WEATHER_FORMAT);
  });

  it('checks the answer after the tool loop, not the turn that called the tool', async () => {
    const stream = await run(scenario('tool', { text: VALID }));
    expectWellFormedStream(stream);
    expect(stream.events.map((event) => event.event)).toContain('tool_result');
    expect(doneOf(stream).output).toEqual(JSON.parse(VALID));
  });

  it('ends an answer off the schema with invalid_output, naming rules, never the answer', async () => {
    const stream = await run(scenario('text', { text: OFF_SCHEMA }));
    expectWellFormedStream(stream);
    const error = errorOf(stream);
    expect(error).toMatchObject({ code: 'invalid_output', retryable: false });
    expect(error.message).toContain('#/properties/celsius/type must be number');
    expect(error.message).toContain('#/additionalProperties must NOT have additional properties');
    expect(error.message).not.toMatch(/warm|Confidential|note/);
    expect(doneOf(stream)).toMatchObject({ finish_reason: 'error' });
    expect(doneOf(stream)).not.toHaveProperty('output');
  });

  it('ends an answer that is not JSON with invalid_output, without quoting it', async () => {
    const stream = await run(scenario('text', { text: 'Sunny, 21 degrees in Paris.' }));
    expectWellFormedStream(stream);
    expect(errorOf(stream)).toMatchObject({
      code: 'invalid_output',
      message: 'The answer does not match its response_format: the answer is not JSON',
    });
  });

  it('wants an object for json_object, any object', async () => {
    const array = await run(scenario('text', { text: '[1,2]' }), {}, { type: 'json_object' });
    expect(errorOf(array)).toMatchObject({ code: 'invalid_output' });
    expect(errorOf(array).message).toContain('not a JSON object');
    const object = await run(
      scenario('text', { text: '{"any":true}' }),
      {},
      { type: 'json_object' },
    );
    expect(doneOf(object).output).toEqual({ any: true });
  });

  it('asks the model again with the errors first when output_repair_attempts allows', async () => {
    const stream = await run(scenario('text', { text: OFF_SCHEMA, then: VALID }), {
      output_repair_attempts: 1,
    });
    expectWellFormedStream(stream);
    expect(doneOf(stream)).toMatchObject({ finish_reason: 'stop', output: JSON.parse(VALID) });
    // Both answers streamed: the client sees what the model wrote; done.output is the answer.
    expect(answerText(stream)).toBe(OFF_SCHEMA + VALID);
    expect(harness.model.requests).toHaveLength(2);
    const repair = harness.model.requests[1].body.messages.slice(-2);
    expect(repair[0]).toMatchObject({ role: 'assistant', content: OFF_SCHEMA });
    expect(repair[1].role).toBe('user');
    expect(repair[1].content).toContain('/celsius must be number');
    expect(repair[1].content).toContain('must NOT have additional properties');
  });

  it('gives up with invalid_output once the repairs are spent', async () => {
    const stream = await run(scenario('text', { text: OFF_SCHEMA }), { output_repair_attempts: 2 });
    expectWellFormedStream(stream);
    expect(errorOf(stream).code).toBe('invalid_output');
    expect(harness.model.requests).toHaveLength(3);
  });

  it('refuses a schema ajv cannot compile, and too many repairs, before the stream', async () => {
    const format = {
      type: 'json_schema',
      json_schema: { name: 'x', schema: { type: 'nonsense' } },
    };
    const stream = await run('text', { output_repair_attempts: 9 }, format);
    expect(stream.status).toBe(400);
    const { details } = (stream.json as { error: { details: { path: string }[] } }).error;
    expect(details.map((detail) => detail.path).sort()).toEqual([
      'runtime_config.model.response_format.json_schema.schema',
      'runtime_config.output_repair_attempts',
    ]);
    expect(harness.model.requests).toHaveLength(0);
  });
});
