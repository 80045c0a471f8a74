import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import {
  APPROVAL_ANSWER,
  APPROVAL_KEY,
  approvalFlow,
  approvalOf,
  doneOf,
  eventsOf,
} from './support/approval-flow.js';
import { postRun } from './support/sse-client.js';
import {
  answerText,
  expectUsageOfEveryCall,
  expectWellFormedStream,
} from './support/stream-assertions.js';

/** The test model answers structured-output requests with `structured` (model-scenario.ts). */
const routed = (route: string, scenario: string) =>
  `${scenario}${scenario.includes('?') ? '&' : '?'}structured=${encodeURIComponent(JSON.stringify({ route }))}`;

describe('router workflow end to end (model and plugin on loopback)', () => {
  let harness: AgentHarness;

  beforeAll(async () => {
    harness = await startAgentHarness({
      env: { MAX_ITERATIONS: '2', APPROVAL_SIGNING_KEYS: APPROVAL_KEY },
    });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  const run = (modelName: string, tools?: unknown[]) => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName,
      pluginOrigin: harness.plugin.origin,
      tools,
    });
    payload.task_meta.workflow_id = 'router';
    return postRun(harness.runUrl, payload);
  };

  it('routes a tool request to the agent loop after one quiet classification call', async () => {
    const answer = 'It is sunny in Paris.';
    const stream = await run(routed('tools', `tool?text=${encodeURIComponent(answer)}`));
    expectWellFormedStream(stream);
    const [classification, toolTurn, answerTurn] = harness.model.requests;
    expect(harness.model.requests).toHaveLength(3);
    expect(classification.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'route', strict: true },
    });
    expect(classification.body.tools).toBeUndefined();
    expect(classification.body.messages[0].content).toContain('- weather:');
    expect(toolTurn.body.tools?.map((tool) => tool.function.name)).toEqual(['weather']);
    expect(answerTurn.body.messages.at(-1)?.role).toBe('tool');
    // The classification's JSON never reaches the client; the tool loop streams as agent_chat.
    expect(stream.events.map((event) => event.event).slice(0, 2)).toEqual([
      'tool_start',
      'tool_result',
    ]);
    expect(answerText(stream)).toBe(answer);
    expect(harness.plugin.requests).toHaveLength(1);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('stop');
    expectUsageOfEveryCall(stream, harness.model.requests);
  });

  it('answers plain conversation with one streamed call without tools', async () => {
    const stream = await run(routed('chat', 'text?text=Hi%20there%20friend&chunks=3'));
    expectWellFormedStream(stream);
    expect(harness.model.requests).toHaveLength(2);
    const answerTurn = harness.model.requests[1];
    expect(answerTurn.body.tools).toBeUndefined();
    expect(answerTurn.body.response_format).toBeUndefined();
    expect(stream.events.map((event) => event.event)).toEqual([
      'message_chunk',
      'message_chunk',
      'message_chunk',
      'done',
    ]);
    expect(answerText(stream)).toBe('Hi there friend');
    expectUsageOfEveryCall(stream, harness.model.requests);
  });

  it('takes the agent loop when the model ignores the format (prose, not JSON)', async () => {
    const stream = await run('text?text=Just%20prose');
    expectWellFormedStream(stream);
    expect(harness.model.requests).toHaveLength(2);
    expect(harness.model.requests[1].body.tools).toHaveLength(1);
    expect(answerText(stream)).toBe('Just prose');
  });

  it('skips classification when the run has no tools', async () => {
    const stream = await run('text?text=No%20tools', []);
    expectWellFormedStream(stream);
    expect(harness.model.requests).toHaveLength(1);
    expect(answerText(stream)).toBe('No tools');
  });

  it('stops a tool loop that never ends at MAX_ITERATIONS, as agent_chat does', async () => {
    const stream = await run(routed('tools', 'forever'));
    expectWellFormedStream(stream);
    expect(harness.model.requests).toHaveLength(3);
    expect(stream.events.filter((event) => event.event === 'tool_result')).toHaveLength(2);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('max_iterations');
  });

  it('resumes a run paused for approval at its tools: no second classification', async () => {
    const flow = approvalFlow(harness);
    const body = flow.payload(routed('tools', `tool?text=${encodeURIComponent(APPROVAL_ANSWER)}`));
    body.task_meta.workflow_id = 'router';
    const { resume, requests } = await flow.pause(body);
    expect(harness.model.requests).toHaveLength(2); // the classification, the tool turn
    harness.resetRecordings();
    const stream = await flow.resumeWith(resume, requests.map(approvalOf));
    expectWellFormedStream(stream);
    // The decided call ran first, then the loop's model answered: nothing classified again.
    const results = eventsOf(stream, 'tool_result');
    expect(results.map((result) => [result.tool_name, result.status])).toEqual([
      ['weather', 'success'],
    ]);
    expect(harness.plugin.requests).toHaveLength(1);
    expect(harness.model.requests).toHaveLength(1);
    expect(harness.model.requests[0].body.response_format).toBeUndefined();
    expect(harness.model.requests[0].body.messages.at(-1)?.role).toBe('tool');
    expect(answerText(stream)).toBe(APPROVAL_ANSWER);
    expect(doneOf(stream).finish_reason).toBe('stop');
  });
});
