import { signApproval } from '../src/approval/approval-token.js';
import { examplePayload } from './support/agent-payloads.js';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from './support/agent-harness.js';
import { postRun, type ReceivedStream } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';
import { startTestApp } from './support/test-app.js';

const KEY = 'approval-key-0123456789abcdef0123456789';
const OLD_KEY = 'approval-key-previous-0123456789abcdef';
const ANSWER = 'It is sunny.';

const doneOf = (stream: ReceivedStream) => stream.events.at(-1)?.data as Record<string, any>;
const eventsOf = (stream: ReceivedStream, type: string) =>
  stream.events
    .filter((event) => event.event === type)
    .map((event) => event.data as Record<string, any>);
const refusalOf = (stream: ReceivedStream) =>
  (
    stream.json as {
      error: { code: string; message: string; details: { path: string; message: string }[] };
    }
  ).error;

describe('human approval of tool calls (issue 18)', () => {
  let harness: AgentHarness;

  // The current key signs; the previous one still verifies what it signed (rotation).
  beforeAll(
    async () =>
      (harness = await startAgentHarness({ env: { APPROVAL_SIGNING_KEYS: `${KEY},${OLD_KEY}` } })),
  );
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  /** The example payload, its weather plugin needing approval, beside a native clock. */
  const payload = (modelName = `tool?text=${encodeURIComponent(ANSWER)}`) => {
    const body = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName,
      pluginOrigin: harness.plugin.origin,
    });
    body.runtime_config.tools[0].requires_approval = true;
    body.runtime_config.tools.push({ type: 'NATIVE', name: 'current_time' });
    return body;
  };

  /** Runs until the pause; returns its stream and the payload that resumes it. */
  async function pause(body = payload()) {
    const stream = await postRun(harness.runUrl, body);
    expectWellFormedStream(stream);
    const done = doneOf(stream);
    expect(done.finish_reason).toBe('approval_required');
    const resume = structuredClone(body);
    resume.input.messages.push(...done.messages);
    return { stream, resume, requests: eventsOf(stream, 'tool_approval_required') };
  }

  const resumeWith = (resume: Record<string, any>, approvals: unknown[]) => {
    resume.input.tool_approvals = approvals;
    return postRun(harness.runUrl, resume);
  };

  it('pauses at the call: no plugin request, one event with its token, done approval_required', async () => {
    const { stream, requests } = await pause();
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
    const { resume, requests } = await pause();
    const [request] = requests;
    const stream = await resumeWith(resume, [
      {
        tool_call_id: request.tool_call_id,
        approval_token: request.approval_token,
        decision: 'approve',
      },
    ]);
    expectWellFormedStream(stream);
    expect(eventsOf(stream, 'tool_result')).toMatchObject([
      { status: 'success', tool_name: 'weather' },
    ]);
    expect(harness.plugin.requests).toHaveLength(1);
    expect(answerText(stream)).toBe(ANSWER);
    expect(doneOf(stream).finish_reason).toBe('stop');
  });

  it('edit: the call runs with the edited arguments', async () => {
    const { resume, requests } = await pause();
    const stream = await resumeWith(resume, [
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
    const { resume, requests } = await pause();
    const stream = await resumeWith(resume, [
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
    const { stream, resume, requests } = await pause(payload(toolCallsScenario(calls)));
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
    const resumed = await resumeWith(resume, [
      {
        tool_call_id: requests[0].tool_call_id,
        approval_token: requests[0].approval_token,
        decision: 'approve',
      },
    ]);
    expectWellFormedStream(resumed);
    expect(eventsOf(resumed, 'tool_result').map((result) => result.tool_name)).toEqual(['weather']);
  });

  it('masks a credential in the arguments, while the token covers the real ones', async () => {
    const secret = 'vault-secret-value-0123456789';
    const body = payload(toolCallsScenario([{ name: 'weather', args: { city: secret } }]));
    body.runtime_config.vault = { ...body.runtime_config.vault, token: secret };
    const { stream, resume, requests } = await pause(body);
    expect(JSON.stringify(stream.events)).not.toContain(secret);
    expect(requests[0].arguments).toEqual({ city: '***' });
    const approval = {
      tool_call_id: requests[0].tool_call_id,
      approval_token: requests[0].approval_token,
      decision: 'approve',
    };
    // The masked copy is not the call the token approves: the conversation must carry the real one.
    const masked = await resumeWith(structuredClone(resume), [approval]);
    expect(masked.status).toBe(400);
    resume.input.messages.at(-1).tool_calls[0].function.arguments = JSON.stringify({
      city: secret,
    });
    const real = await resumeWith(resume, [approval]);
    expectWellFormedStream(real);
    expect(harness.plugin.requests[0].query.city).toBe(secret);
  });

  describe('refused before the stream: 400 invalid_approval, no tool request', () => {
    /** A resume of a fresh pause, changed by `change`; its refusal. */
    async function refusal(
      change: (resume: Record<string, any>, approval: Record<string, any>) => unknown[] | void,
    ) {
      const { resume, requests } = await pause();
      const approval = {
        tool_call_id: requests[0].tool_call_id,
        approval_token: requests[0].approval_token,
        decision: 'approve',
      };
      const approvals = change(resume, approval) ?? [approval];
      harness.resetRecordings();
      const stream = await resumeWith(resume, approvals);
      expect(stream.status).toBe(400);
      expect(harness.plugin.requests).toHaveLength(0);
      expect(harness.model.requests).toHaveLength(0);
      const error = refusalOf(stream);
      expect(error.code).toBe('invalid_approval');
      expect(JSON.stringify(error)).not.toContain(approval.approval_token.split('.')[3]);
      return error.details;
    }

    it('a forged token', async () => {
      const details = await refusal((_resume, approval) => {
        const mac = approval.approval_token.split('.')[3];
        approval.approval_token = approval.approval_token.replace(
          mac,
          `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`,
        );
      });
      expect(details).toEqual([
        {
          path: 'input.tool_approvals[0].approval_token',
          message: expect.stringContaining('does not approve this call'),
        },
      ]);
    });

    it('arguments changed in the conversation', async () => {
      const details = await refusal((resume) => {
        resume.input.messages.at(-1).tool_calls[0].function.arguments = '{"city":"Berlin"}';
      });
      expect(details[0].path).toBe('input.tool_approvals[0].approval_token');
    });

    it('an expired token (signed by this service, past its expiry)', async () => {
      const details = await refusal((resume, approval) => {
        const call = resume.input.messages.at(-1).tool_calls[0];
        approval.approval_token = signApproval(KEY, {
          runId: approval.approval_token.split('.')[1],
          toolCallId: call.id,
          toolName: 'weather',
          arguments: JSON.parse(call.function.arguments),
          expiresAtSeconds: Math.floor(Date.now() / 1000) - 1,
        });
      });
      expect(details).toEqual([
        {
          path: 'input.tool_approvals[0].approval_token',
          message: expect.stringContaining('expired'),
        },
      ]);
    });

    it('a replayed approval: the second use of a token', async () => {
      const { resume, requests } = await pause();
      const approvals = [
        {
          tool_call_id: requests[0].tool_call_id,
          approval_token: requests[0].approval_token,
          decision: 'approve',
        },
      ];
      expectWellFormedStream(await resumeWith(structuredClone(resume), approvals));
      harness.resetRecordings();
      const replay = await resumeWith(resume, approvals);
      expect(replay.status).toBe(400);
      expect(refusalOf(replay).details).toEqual([
        { path: 'input.tool_approvals', message: 'an approval of this resume was used before' },
      ]);
      expect(harness.plugin.requests).toHaveLength(0);
    });

    it('a missing decision, and one for a call not in the conversation', async () => {
      const missing = await refusal(() => []);
      expect(missing).toEqual([
        {
          path: 'input.tool_approvals',
          message: expect.stringMatching(/^call .+ waits for a decision$/),
        },
      ]);
      const unknown = await refusal((_resume, approval) => {
        approval.tool_call_id = 'call_not_made';
      });
      expect(unknown.map((detail) => detail.path)).toEqual([
        'input.tool_approvals[0].tool_call_id',
        'input.tool_approvals',
      ]);
    });

    it('more decisions than MAX_TOOL_APPROVALS (128)', async () => {
      const { resume } = await pause();
      const approval = { tool_call_id: 'c', approval_token: 'ap1.x', decision: 'approve' };
      const stream = await resumeWith(
        resume,
        Array.from({ length: 129 }, () => approval),
      );
      expect(stream.status).toBe(400);
      expect(refusalOf(stream).details.map((detail) => detail.path)).toEqual([
        'input.tool_approvals',
      ]);
    });

    it('edited arguments against the tool schema, a decision twice', async () => {
      const edited = await refusal((_resume, approval) => [
        { ...approval, decision: 'edit', arguments: { city: 42 } },
      ]);
      expect(edited).toEqual([
        {
          path: 'input.tool_approvals[0].arguments',
          message: expect.stringContaining('must be string'),
        },
      ]);
      const twice = await refusal((_resume, approval) => [approval, approval]);
      expect(twice).toEqual([
        { path: 'input.tool_approvals[1].tool_call_id', message: 'this call is decided twice' },
      ]);
    });
  });

  it('verifies a token the previous key signed (rotation), and no other key', async () => {
    const body = payload();
    const call = {
      id: 'call_rotated',
      type: 'function',
      function: { name: 'weather', arguments: '{"city":"Paris"}' },
    };
    body.input.messages.push({ role: 'assistant', content: null, tool_calls: [call] });
    const token = (key: string) =>
      signApproval(key, {
        runId: '7d5c9f1e-4b1a-4c36-9d2e-2b1f0c7a9e11',
        toolCallId: call.id,
        toolName: 'weather',
        arguments: { city: 'Paris' },
        expiresAtSeconds: Math.floor(Date.now() / 1000) + 600,
      });
    const foreign = await resumeWith(structuredClone(body), [
      {
        tool_call_id: call.id,
        approval_token: token('some-other-key-0123456789abcdef0123'),
        decision: 'approve',
      },
    ]);
    expect(foreign.status).toBe(400);
    const rotated = await resumeWith(body, [
      { tool_call_id: call.id, approval_token: token(OLD_KEY), decision: 'approve' },
    ]);
    expectWellFormedStream(rotated);
    expect(eventsOf(rotated, 'tool_result')).toMatchObject([
      { tool_name: 'weather', status: 'success' },
    ]);
  });

  it("runtime_config.approval's default covers tools whose spec says nothing", async () => {
    const calls = [
      { name: 'current_time', args: { timezone: 'UTC' } },
      { name: 'weather', args: { city: 'Paris' } },
    ];
    const body = payload(toolCallsScenario(calls));
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

  it('without APPROVAL_SIGNING_KEYS, a payload that asks for approval is refused', async () => {
    const app = await startTestApp();
    try {
      const stream = await postRun(`${app.baseUrl}/v1/run_workflow`, payload());
      expect(stream.status).toBe(400);
      expect(refusalOf(stream)).toMatchObject({
        code: 'invalid_payload',
        message: 'Tool approval needs APPROVAL_SIGNING_KEYS to be set on the execution plane',
      });
    } finally {
      await app.close();
    }
  });
});
