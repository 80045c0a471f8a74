import { once } from 'node:events';
import request from 'supertest';
import { graphExampleDefinition } from '../src/workflows/graph/graph-examples.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { vaultPluginPayload } from './support/agent-payloads.js';
import { doneOf, eventsOf as eventsOfType } from './support/approval-flow.js';
import { graphPayload, structuredScenario } from './support/graph-payloads.js';
import { eventsOf, readRawStream, receivedOf, runIdOf } from './support/raw-sse.js';
import { encodedForms } from './support/secret-forms.js';
import { postRun } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';

/** A vault value with characters that change under encodings. */
const VAULT = 'gr"aph/S3cr et+v=1';

/** One streaming llm node: the graph the cancel case stalls in. */
const SAY_GRAPH = {
  version: 1,
  entry: 'say',
  nodes: [{ id: 'say', type: 'llm', history: true, stream: true }],
};

/** The echo plugin's answer into state, then into a template, a model prompt and an answer. */
const ECHO_GRAPH = {
  version: 1,
  state: { echo: { type: 'object' }, note: { type: 'string' } },
  entry: 'call',
  nodes: [
    { id: 'call', type: 'tool', tool: 'plugin', into: 'echo' },
    { id: 'note', type: 'template', template: 'key={{state.echo.query.key}}', into: 'note' },
    { id: 'ask', type: 'llm', prompt: '{{state.note}}' },
    { id: 'say', type: 'answer', text: '{{state.note}}' },
  ],
  edges: [
    { from: 'call', to: 'note' },
    { from: 'note', to: 'ask' },
    { from: 'ask', to: 'say' },
  ],
};

describe('graph workflows: cancel, budgets and masking hold as in agent_chat', () => {
  let harness: AgentHarness;
  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  it('cancel mid-node: the model connection closes, the stream ends with done cancelled', async () => {
    const payload = graphPayload(harness, SAY_GRAPH, 'stall?text=a b c&chunks=3');
    const closed = once(harness.model, 'client-closed');
    let cancelled: Promise<request.Response> | undefined;
    const live = await readRawStream(harness.runUrl, {
      method: 'POST',
      body: payload,
      onText: (text) => {
        if (cancelled || !text.includes('message_chunk')) return;
        cancelled = request(harness.service.baseUrl)
          .post(`/v1/runs/${runIdOf(text)}/cancel`)
          .then((response) => response);
      },
    });
    await closed;
    expectWellFormedStream(receivedOf(live));
    expect(eventsOf(live.text).at(-1)?.data).toMatchObject({
      type: 'done',
      finish_reason: 'cancelled',
    });
    expect((await cancelled!).status).toBe(200);
  });

  it('a budget stops the graph before the node past it: budget_exceeded, then done', async () => {
    const model = structuredScenario('text?text=Sunny.', { city: 'Paris' });
    const payload = graphPayload(harness, graphExampleDefinition('extract-call-summarise'), model);
    payload.runtime_config.budget = { max_model_calls: 1 };
    const stream = await postRun(harness.runUrl, payload);
    expectWellFormedStream(stream);
    // extract was the one call; lookup ran; summarise's call was refused.
    expect(harness.model.requests).toHaveLength(1);
    expect(harness.plugin.requests).toHaveLength(1);
    expect(eventsOfType(stream, 'error')).toMatchObject([{ code: 'budget_exceeded' }]);
    expect(doneOf(stream).finish_reason).toBe('budget_exceeded');
  });

  it('a vault value a plugin echoes into state reaches no event, prompt or answer in any form', async () => {
    harness.plugin.handle('GET', '/echo-key', (call, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ query: call.query }));
    });
    const payload = vaultPluginPayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text?text=Noted.',
      pluginUrl: `${harness.plugin.origin}/echo-key`,
    });
    payload.runtime_config.vault = { token: VAULT };
    payload.task_meta.workflow_id = 'graph';
    payload.runtime_config.graph = ECHO_GRAPH;
    const live = await readRawStream(harness.runUrl, { method: 'POST', body: payload });
    const stream = receivedOf(live);
    expectWellFormedStream(stream);
    // The plugin got the real value; what came back of it is masked everywhere after.
    expect(harness.plugin.requests[0].query.key).toBe(VAULT);
    expect(answerText(stream)).toMatch(/^key=\S+/);
    const prompts = JSON.stringify(harness.model.requests.map((call) => call.body));
    for (const form of encodedForms(VAULT)) {
      expect(live.text).not.toContain(form);
      expect(prompts).not.toContain(form);
    }
  });
});
