import {
  toolCallsScenario,
  type AgentHarness,
  startAgentHarness,
} from './support/agent-harness.js';
import {
  APPROVAL_ANSWER,
  APPROVAL_KEY,
  approvalFlow,
  approvalOf,
  doneOf,
  eventsOf,
  PREVIOUS_APPROVAL_KEY,
} from './support/approval-flow.js';
import { postRun } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';

describe('human approval of tool calls (issue 18): pause and resume', () => {
  let harness: AgentHarness;
  let flow: ReturnType<typeof approvalFlow>;

  // The current key signs; the previous one still verifies what it signed (rotation).
  beforeAll(async () => {
    harness = await startAgentHarness({
      env: { APPROVAL_SIGNING_KEYS: `${APPROVAL_KEY},${PREVIOUS_APPROVAL_KEY}` },
    });
    flow = approvalFlow(harness);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  it('pauses at the call: no plugin request, one event with its token, done approval_required', async () => {
    const { stream, requests } = await flow.pause();
    expect(harness.plugin.requests).toHaveLength(0);
    expect(eventsOf(stream, 'tool_start')).toHaveLength(0);
    expect(requests).toEqual([
      {
        ...requests[0],
        tool_name: 'weather',
        tool_type: 'HTTP',
        arguments: { city: 'Paris' },
        approval_token: expect.stringMatching(/^ap1\.[0-9a-f-]{36}\.\d+\.[A-Za-z0-9_-]{43}$/),
      },
    ]);
    const expiresIn = Date.parse(requests[0].expires_at) - Date.now();
    expect(expiresIn).toBeGreaterThan(3500_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);
    const [assistant] = doneOf(stream).messages;
    expect(assistant).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: requests[0].tool_call_id, function: { name: 'weather' } }],
    });
  });

  it('approve: the call runs, then the loop goes on to the answer', async () => {
    const { resume, requests } = await flow.pause();
    const [request] = requests;
    const stream = await flow.resumeWith(resume, [approvalOf(request)]);
    expectWellFormedStream(stream);
    expect(eventsOf(stream, 'tool_result')).toMatchObject([
      { status: 'success', tool_name: 'weather' },
    ]);
    expect(harness.plugin.requests).toHaveLength(1);
    expect(answerText(stream)).toBe(APPROVAL_ANSWER);
    expect(doneOf(stream).finish_reason).toBe('stop');
  });

  it('edit: the call runs with the edited arguments', async () => {
    const { resume, requests } = await flow.pause();
    const stream = await flow.resumeWith(resume, [
      {
        tool_call_id: requests[0].tool_call_id,
        approval_token: requests[0].approval_token,
        decision: 'edit',
        arguments: { city: 'Lyon' },
      },
    ]);
    expectWellFormedStream(stream);
    expect(eventsOf(stream, 'tool_start')[0].arguments).toEqual({ city: 'Lyon' });
    expect(harness.plugin.requests[0].query.city).toBe('Lyon');
  });

  it('deny: the model is told, with the reason, and no plugin request is made', async () => {
    const { resume, requests } = await flow.pause();
    const stream = await flow.resumeWith(resume, [
      {
        tool_call_id: requests[0].tool_call_id,
        approval_token: requests[0].approval_token,
        decision: 'deny',
        reason: 'Not this city',
      },
    ]);
    expectWellFormedStream(stream);
    expect(harness.plugin.requests).toHaveLength(0);
    expect(eventsOf(stream, 'tool_result')).toMatchObject([
      {
        status: 'error',
        error: { code: 'approval_denied' },
        result: { denied: true, reason: 'Not this city' },
      },
    ]);
    const toModel = harness.model.requests.at(-1)?.body.messages.at(-1);
    expect(toModel).toMatchObject({ role: 'tool', tool_call_id: requests[0].tool_call_id });
    expect(JSON.parse(String(toModel?.content))).toEqual({ denied: true, reason: 'Not this city' });
    expect(doneOf(stream).finish_reason).toBe('stop');
  });

  it('a mixed turn: the call without approval runs at once, the other waits', async () => {
    const calls = [
      { name: 'current_time', args: { timezone: 'UTC' } },
      { name: 'weather', args: { city: 'Paris' } },
    ];
    const { stream, resume, requests } = await flow.pause(flow.payload(toolCallsScenario(calls)));
    expect(eventsOf(stream, 'tool_result')).toMatchObject([
      { tool_name: 'current_time', status: 'success' },
    ]);
    expect(requests.map((request) => request.tool_name)).toEqual(['weather']);
    const kinds = stream.events.map((event) => event.event);
    expect(kinds.indexOf('tool_approval_required')).toBeGreaterThan(kinds.indexOf('tool_result'));
    // The clock's result is in the messages handed back: only the weather call is pending.
    expect(doneOf(stream).messages.map((message: { role: string }) => message.role)).toEqual([
      'assistant',
      'tool',
    ]);
    const resumed = await flow.resumeWith(resume, [approvalOf(requests[0])]);
    expectWellFormedStream(resumed);
    expect(eventsOf(resumed, 'tool_result').map((result) => result.tool_name)).toEqual(['weather']);
  });

  it('masks a credential in the arguments, while the token covers the real ones', async () => {
    const secret = 'vault-secret-value-0123456789';
    const body = flow.payload(toolCallsScenario([{ name: 'weather', args: { city: secret } }]));
    body.runtime_config.vault = { ...body.runtime_config.vault, token: secret };
    const { stream, resume, requests } = await flow.pause(body);
    expect(JSON.stringify(stream.events)).not.toContain(secret);
    expect(requests[0].arguments).toEqual({ city: '***' });
    const approval = {
      tool_call_id: requests[0].tool_call_id,
      approval_token: requests[0].approval_token,
      decision: 'approve',
    };
    // The masked copy is not the call the token approves: the conversation must carry the real one.
    const masked = await flow.resumeWith(structuredClone(resume), [approval]);
    expect(masked.status).toBe(400);
    resume.input.messages.at(-1).tool_calls[0].function.arguments = JSON.stringify({
      city: secret,
    });
    const real = await flow.resumeWith(resume, [approval]);
    expectWellFormedStream(real);
    expect(harness.plugin.requests[0].query.city).toBe(secret);
  });

  it("runtime_config.approval's default covers tools whose spec says nothing", async () => {
    const calls = [
      { name: 'current_time', args: { timezone: 'UTC' } },
      { name: 'weather', args: { city: 'Paris' } },
    ];
    const body = flow.payload(toolCallsScenario(calls));
    delete body.runtime_config.tools[0].requires_approval;
    body.runtime_config.tools[1].requires_approval = false;
    body.runtime_config.approval = { required_by_default: true };
    const stream = await postRun(harness.runUrl, body);
    expectWellFormedStream(stream);
    expect(eventsOf(stream, 'tool_result').map((event) => event.tool_name)).toEqual([
      'current_time',
    ]);
    expect(eventsOf(stream, 'tool_approval_required').map((event) => event.tool_name)).toEqual([
      'weather',
    ]);
  });
});
