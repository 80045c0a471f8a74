import request from 'supertest';
import {
  GRAPH_EXAMPLE_NAMES,
  type GraphExampleName,
  graphExampleDefinition,
} from '../src/workflows/graph/graph-examples.js';
import { graphPayload, structuredScenario } from './support/graph-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { postRun } from './support/sse-client.js';
import {
  answerText,
  expectUsageOfEveryCall,
  expectWellFormedStream,
} from './support/stream-assertions.js';

describe('graph workflows: the examples of docs/graph-workflows.md end to end', () => {
  let harness: AgentHarness;
  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  it('classify-then-answer: a weather request takes the tool-using llm node', async () => {
    const answer = 'Sunny in Paris today.';
    const model = structuredScenario(`tool?text=${encodeURIComponent(answer)}`, {
      category: 'weather',
    });
    const stream = await postRun(
      harness.runUrl,
      graphPayload(harness, graphExampleDefinition('classify-then-answer'), model),
    );
    expect(stream.json).toBeUndefined();
    expectWellFormedStream(stream);
    const [classify, toolTurn, answerTurn] = harness.model.requests;
    expect(harness.model.requests).toHaveLength(3);
    expect(classify.body.response_format).toMatchObject({ type: 'json_schema' });
    expect(classify.body.messages[0]).toMatchObject({ role: 'system' });
    expect(classify.body.tools).toBeUndefined();
    expect(toolTurn.body.tools?.map((tool) => tool.function.name)).toEqual(['weather']);
    expect(answerTurn.body.messages.at(-1)?.role).toBe('tool');
    expect(
      stream.events.map((event) => event.event).filter((kind) => kind !== 'message_chunk'),
    ).toEqual(['tool_start', 'tool_result', 'done']);
    expect(answerText(stream)).toBe(answer);
    expect(harness.plugin.requests).toHaveLength(1);
    expectUsageOfEveryCall(stream, harness.model.requests);
  });

  it('classify-then-answer: anything else gets the rendered answer node', async () => {
    const payload = graphPayload(
      harness,
      graphExampleDefinition('classify-then-answer'),
      structuredScenario('text', { category: 'other' }),
      {
        name: 'Ada',
      },
    );
    const stream = await postRun(harness.runUrl, payload);
    expectWellFormedStream(stream);
    expect(harness.model.requests).toHaveLength(1);
    expect(answerText(stream)).toBe('I can only help with the weather, Ada.');
    expect(stream.events.at(-1)?.data.finish_reason).toBe('stop');
  });

  it('extract → HTTP plugin → summarise: the extracted city reaches the plugin, its answer the model', async () => {
    const summary = 'Paris is sunny at 21 °C.';
    const model = structuredScenario(`text?text=${encodeURIComponent(summary)}`, { city: 'Lyon' });
    const stream = await postRun(
      harness.runUrl,
      graphPayload(harness, graphExampleDefinition('extract-call-summarise'), model),
    );
    expectWellFormedStream(stream);
    expect(harness.plugin.requests.map((plugin) => plugin.query.city)).toEqual(['Lyon']);
    const start = stream.events.find((event) => event.event === 'tool_start');
    expect(start?.data).toMatchObject({ tool_name: 'weather', arguments: { city: 'Lyon' } });
    const [, summarise] = harness.model.requests;
    expect(summarise.body.response_format).toBeUndefined();
    expect(JSON.parse(String(summarise.body.messages.at(-1)?.content))).toEqual({
      city: 'Lyon',
      temperature_c: 21,
      condition: 'sunny',
    });
    expect(answerText(stream)).toBe(summary);
    expectUsageOfEveryCall(stream, harness.model.requests);
  });

  it('map over cities: one weather call per city, in parallel, then one streamed report', async () => {
    const cities = ['Paris', 'Oslo', 'Lima', 'Kyoto'];
    const report = 'Sunny everywhere.';
    const payload = graphPayload(
      harness,
      graphExampleDefinition('map-cities'),
      `text?text=${encodeURIComponent(report)}`,
      { cities },
    );
    const stream = await postRun(harness.runUrl, payload);
    expectWellFormedStream(stream);
    expect(harness.plugin.requests.map((plugin) => plugin.query.city).sort()).toEqual(
      [...cities].sort(),
    );
    expect(stream.events.filter((event) => event.event === 'tool_result')).toHaveLength(
      cities.length,
    );
    expect(harness.model.requests).toHaveLength(1);
    const prompt = String(harness.model.requests[0].body.messages.at(-1)?.content);
    expect(prompt.split('\n').filter(Boolean)).toEqual(
      cities.map((city) => `- ${city}: sunny, 21 °C`),
    );
    expect(answerText(stream)).toBe(report);
  });

  it('serves the definition schema the examples validate against', async () => {
    const response = await request(harness.service.baseUrl).get('/v1/schemas/graph').expect(200);
    expect(response.headers['content-type']).toContain('application/schema+json');
    expect(response.body.$defs.node.oneOf).toHaveLength(6);
  });

  it('serves the examples it ships, each one the definition these tests run', async () => {
    const response = await request(harness.service.baseUrl)
      .get('/v1/schemas/graph/examples')
      .expect(200);
    expect(response.body.map((example: { name: string }) => example.name)).toEqual([
      ...GRAPH_EXAMPLE_NAMES,
    ]);
    for (const example of response.body as { name: GraphExampleName; graph: unknown }[])
      expect(example.graph).toEqual(graphExampleDefinition(example.name));
  });
});
