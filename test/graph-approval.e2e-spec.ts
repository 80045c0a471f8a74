import { graphExampleDefinition } from '../src/workflows/graph/graph-examples.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import {
  APPROVAL_KEY,
  approvalFlow,
  approvalOf,
  doneOf,
  eventsOf,
  refusalOf,
} from './support/approval-flow.js';
import { graphPayload, structuredScenario } from './support/graph-payloads.js';
import { postRun } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';

const SUMMARY = 'Paris is sunny.';

describe('graph workflows: approval of tool calls pauses the graph and resumes it where it paused', () => {
  let harness: AgentHarness;
  beforeAll(
    async () =>
      (harness = await startAgentHarness({ env: { APPROVAL_SIGNING_KEYS: APPROVAL_KEY } })),
  );
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  /** A graph run whose weather plugin needs approval, run to its pause; and its resume. */
  const pause = async (graph: unknown, model: string) => {
    const payload = graphPayload(harness, graph, model);
    payload.runtime_config.tools[0].requires_approval = true;
    const flow = approvalFlow(harness);
    const { stream, done, resume, requests } = await flow.pause(payload);
    expect(stream.json).toBeUndefined();
    const [request] = requests;
    const decide = (decision: Record<string, unknown>) =>
      flow.resumeWith(resume, [
        { tool_call_id: request.tool_call_id, approval_token: request.approval_token, ...decision },
      ]);
    return { stream, done, request, resume, decide };
  };

  const extractModel = structuredScenario(`text?text=${encodeURIComponent(SUMMARY)}`, {
    city: 'Paris',
  });

  it('a tool node pauses before its call: no plugin request, its call and the state in done', async () => {
    const { done, request } = await pause(
      graphExampleDefinition('extract-call-summarise'),
      extractModel,
    );
    expect(harness.plugin.requests).toHaveLength(0);
    expect(request).toMatchObject({ tool_name: 'weather', arguments: { city: 'Paris' } });
    expect(done.messages).toEqual([
      expect.objectContaining({
        role: 'assistant',
        tool_calls: [
          expect.objectContaining({
            id: request.tool_call_id,
            function: { name: 'weather', arguments: JSON.stringify({ city: 'Paris' }) },
          }),
        ],
      }),
    ]);
    expect(done.graph_state).toEqual({
      node: 'lookup',
      values: { request: { city: 'Paris' } },
      visits: { extract: 1, lookup: 1 },
      messages: 1,
    });
  });

  it('approved (edited here), the tool node calls the plugin and the graph goes on from there', async () => {
    const { decide } = await pause(graphExampleDefinition('extract-call-summarise'), extractModel);
    harness.resetRecordings();
    const stream = await decide({ decision: 'edit', arguments: { city: 'Lyon' } });
    expectWellFormedStream(stream);
    expect(harness.plugin.requests.map((plugin) => plugin.query.city)).toEqual(['Lyon']);
    // Only summarise asks the model: extract ran before the pause.
    expect(harness.model.requests).toHaveLength(1);
    expect(JSON.parse(String(harness.model.requests[0].body.messages.at(-1)?.content))).toEqual({
      city: 'Lyon',
      temperature_c: 21,
      condition: 'sunny',
    });
    expect(answerText(stream)).toBe(SUMMARY);
    expect(doneOf(stream).finish_reason).toBe('stop');
  });

  it('denied, the tool node writes the denial into its key, for the next node to read', async () => {
    const { decide } = await pause(graphExampleDefinition('extract-call-summarise'), extractModel);
    harness.resetRecordings();
    const stream = await decide({ decision: 'deny', reason: 'Not today' });
    expectWellFormedStream(stream);
    expect(harness.plugin.requests).toHaveLength(0);
    expect(eventsOf(stream, 'tool_result')).toMatchObject([
      { status: 'error', error: { code: 'approval_denied' } },
    ]);
    const prompt = harness.model.requests[0].body.messages.at(-1)?.content;
    expect(JSON.parse(String(prompt))).toEqual({ denied: true, reason: 'Not today' });
    expect(doneOf(stream).finish_reason).toBe('stop');
  });

  it("an llm node's tool loop pauses at the call and resumes with the model seeing the result", async () => {
    const answer = 'Sunny in Paris today.';
    const model = structuredScenario(`tool?text=${encodeURIComponent(answer)}`, {
      category: 'weather',
    });
    const { done, decide } = await pause(graphExampleDefinition('classify-then-answer'), model);
    expect(done.graph_state).toMatchObject({ node: 'forecast', messages: 1 });
    expect(done.graph_state.values).toEqual({ intent: { category: 'weather' } });
    harness.resetRecordings();
    const stream = await decide({ decision: 'approve' });
    expectWellFormedStream(stream);
    expect(harness.plugin.requests).toHaveLength(1);
    expect(harness.model.requests).toHaveLength(1);
    const sent = harness.model.requests[0].body.messages;
    expect(sent.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(answerText(stream)).toBe(answer);
    expect(doneOf(stream).finish_reason).toBe('stop');
  });

  it('refuses a resume without its graph_state, or with one that does not fit the graph', async () => {
    const { resume, request } = await pause(
      graphExampleDefinition('extract-call-summarise'),
      extractModel,
    );
    resume.input.tool_approvals = [approvalOf(request)];
    const refused = async (change: (graphState: Record<string, any>) => void) => {
      const body = structuredClone(resume);
      change(body.input);
      const stream = await postRun(harness.runUrl, body);
      expect(stream.status).toBe(400);
      return refusalOf(stream);
    };
    harness.resetRecordings();
    const missing = await refused((input) => delete input.graph_state);
    expect(missing.code).toBe('invalid_graph');
    expect(missing.details.map((issue) => issue.path)).toEqual(['input.graph_state']);
    const wrong = await refused((input) => {
      input.graph_state.node = 'summarise_nothing';
      input.graph_state.values.request = { town: 'Paris' };
      input.graph_state.visits.nowhere = 1;
      input.graph_state.messages = 5;
    });
    expect(wrong.details.map((issue) => issue.path)).toEqual([
      'input.graph_state.node',
      'input.graph_state.values.request',
      'input.graph_state.visits.nowhere',
      'input.graph_state.messages',
    ]);
    expect(harness.plugin.requests).toHaveLength(0);
    expect(harness.model.requests).toHaveLength(0);
  });

  it('refuses a tool that requires approval inside a map: one item cannot pause alone', async () => {
    const payload = graphPayload(harness, graphExampleDefinition('map-cities'), 'text', {
      cities: ['Paris'],
    });
    payload.runtime_config.tools[0].requires_approval = true;
    const stream = await postRun(harness.runUrl, payload);
    expect(stream.status).toBe(400);
    expect(refusalOf(stream).details).toEqual([
      {
        path: 'runtime_config.graph.nodes[0].nodes[0].tool',
        message: expect.stringContaining('map'),
      },
    ]);
  });
});
